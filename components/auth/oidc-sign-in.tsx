"use client";

import { signIn } from "next-auth/react";
import { Button } from "@/components/ui/button";

export function OidcSignIn({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  return (
    <Button type="button" className="w-full" onClick={() => signIn("oidc", { callbackUrl })}>
      Continue with {name}
    </Button>
  );
}
