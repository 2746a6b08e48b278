"use client";

import { useState } from "react";
import { signIn } from "next-auth/react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";

type Candidate = { email: string; name: string; roles: string[] };

const roleLabel = (role: string) => role.replace("_", " ");

/** Development sign-in: pick a provisioned user. Disabled in production unless DEV_SIGN_IN=true. */
export function DevSignIn({ users, callbackUrl }: { users: Candidate[]; callbackUrl: string }) {
  const [pending, setPending] = useState<string | null>(null);

  async function signInAs(email: string) {
    setPending(email);
    const result = await signIn("dev", { email, redirect: false, callbackUrl });
    if (result?.ok && !result.error) {
      window.location.assign(result.url ?? callbackUrl);
      return;
    }
    setPending(null);
    toast.error("Sign-in failed: that user may have been deactivated.");
  }

  if (users.length === 0) {
    return <p className="text-sm text-muted-foreground">No users yet. Create one with `npm run cli -- user create`.</p>;
  }
  return (
    <section aria-labelledby="dev-sign-in" className="space-y-2">
      <h2 id="dev-sign-in" className="text-sm font-medium">
        Development sign-in <span className="font-normal text-muted-foreground">— choose a user</span>
      </h2>
      <ul className="divide-y divide-border rounded-md border border-border">
        {users.map((u) => (
          <li key={u.email} className="flex items-center justify-between gap-3 px-3 py-2">
            <div className="min-w-0">
              <div className="truncate text-sm font-medium">{u.name}</div>
              <div className="truncate text-xs text-muted-foreground">{u.email}</div>
              <div className="mt-1 flex flex-wrap gap-1">
                {u.roles.map((r) => (
                  <Badge key={r} variant="outline" className="capitalize">
                    {roleLabel(r)}
                  </Badge>
                ))}
              </div>
            </div>
            <Button
              type="button"
              size="sm"
              variant="secondary"
              loading={pending === u.email}
              disabled={pending !== null}
              onClick={() => signInAs(u.email)}
              aria-label={`Sign in as ${u.name}`}
            >
              Sign in
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
