import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ShieldCheck } from "lucide-react";
import { DevSignIn } from "@/components/auth/dev-sign-in";
import { OidcSignIn } from "@/components/auth/oidc-sign-in";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { listSignInCandidates } from "@/lib/domain/sessions/sign-in-candidates";
import { devSignInEnabled, env, oidcConfigured } from "@/lib/env";
import { getSessionActor } from "@/lib/server/authenticate";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  "unknown-user": "Your identity provider signed you in, but no active Countersign user has that e-mail. Ask an admin to add you.",
  unverified: "Your identity provider did not confirm your e-mail address.",
  CredentialsSignin: "That user does not exist or has been deactivated.",
  AccessDenied: "Access denied.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string; callbackUrl?: string }> }) {
  if (await getSessionActor()) redirect("/");
  const { error, callbackUrl } = await searchParams;
  const safeCallback = callbackUrl?.startsWith("/") && !callbackUrl.startsWith("//") ? callbackUrl : "/";
  const dev = devSignInEnabled();
  const candidates = dev ? await listSignInCandidates() : [];

  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-md space-y-6">
        <div className="flex items-center justify-center gap-2 text-xl font-semibold">
          <ShieldCheck aria-hidden className="size-7 text-primary" /> Countersign
        </div>
        <Card>
          <CardHeader>
            <CardTitle as="h1">Sign in</CardTitle>
            <CardDescription>Governance for the non-human identities your AI workflows run as.</CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            {error ? (
              <p role="alert" className="rounded-md border border-danger/40 bg-danger/10 px-3 py-2 text-sm text-danger">
                {ERRORS[error] ?? "Sign-in failed. Try again."}
              </p>
            ) : null}
            {oidcConfigured() ? <OidcSignIn name={env().OIDC_NAME} callbackUrl={safeCallback} /> : null}
            {dev ? <DevSignIn users={candidates} callbackUrl={safeCallback} /> : null}
            {!dev && !oidcConfigured() ? (
              <p className="text-sm text-muted-foreground">
                No sign-in method is configured. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or DEV_SIGN_IN=true
                for a local demo.
              </p>
            ) : null}
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
