import { cn, focusRing } from "@/lib/utils";
import { JWKS_PATH } from "./hook-meta";

const code = "rounded bg-muted px-1 py-0.5 font-mono text-xs text-foreground";

/** How a receiver checks that a revocation really came from Countersign, per format. */
export function HooksIntro() {
  return (
    <section aria-labelledby="hook-formats-heading" className="mb-6 grid gap-3 rounded-lg border border-border bg-card p-4 text-sm">
      <h2 id="hook-formats-heading" className="font-semibold">
        Two formats, both signed
      </h2>
      <dl className="grid gap-2 sm:grid-cols-[max-content_1fr] sm:gap-x-6">
        <dt className="font-medium">Standard Webhooks</dt>
        <dd className="text-muted-foreground">
          A JSON POST with an HMAC-SHA256 <code className={code}>webhook-signature</code> over{" "}
          <code className={code}>id.timestamp.body</code>; verify it with the <code className={code}>whsec_</code> secret you are
          shown once at creation.
        </dd>
        <dt className="font-medium">CAEP SET</dt>
        <dd className="text-muted-foreground">
          An OpenID Shared Signals Security Event Token signed with our ES256 key; verify it with{" "}
          <a href={JWKS_PATH} className={cn("rounded-sm font-mono text-xs text-primary underline-offset-4 hover:underline", focusRing)}>
            {JWKS_PATH}
          </a>
          .
        </dd>
      </dl>
      <p className="text-muted-foreground">
        Loopback, private and link-local targets are refused unless their <code className={code}>host:port</code> is listed in{" "}
        <code className={code}>HOOK_ALLOWED_HOSTS</code>. Delivery is at least once, retried with backoff for about a day; receivers
        de-duplicate by <code className={code}>webhook-id</code> or the token&apos;s <code className={code}>jti</code>.
      </p>
    </section>
  );
}
