import { SignJWT } from "jose";
import { Webhook } from "standardwebhooks";
import { open } from "@/lib/crypto/secret-box";
import { getActiveSigningKey } from "@/lib/domain/keys/signing-keys";
import { appUrl } from "@/lib/env";
import { HOOK_SECRET_PURPOSE } from "./manage-hooks";

type Hook = {
  url: string;
  format: "standard-webhooks" | "caep-set";
  secretEncrypted: string | null;
  previousSecretEncrypted: string | null;
  previousSecretValidUntil: Date | null;
};
type EventPayload = Record<string, unknown> & { id: string; type: string; occurredAt: string; reason?: string };

export const CAEP = {
  credentialChange: "https://schemas.openid.net/secevent/caep/event-type/credential-change",
  sessionRevoked: "https://schemas.openid.net/secevent/caep/event-type/session-revoked",
};

/**
 * Builds the HTTP body and headers for one delivery. Standard Webhooks: HMAC
 * over `id.timestamp.body`, with a second `v1,` signature from the previous
 * secret during a rotation's grace period. CAEP: a Security Event Token signed
 * with our ES256 key (verify with /.well-known/jwks.json).
 */
export async function signDelivery(hook: Hook, payload: EventPayload, now = new Date()): Promise<{ body: string; headers: Record<string, string> }> {
  if (hook.format === "caep-set") {
    const key = await getActiveSigningKey();
    const identity = payload.identity as { provider?: string; externalId?: string } | null;
    const credentialEvent = payload.type === "credential.revoked" || payload.type === "identity.revoked";
    const subject = identity ? { format: "opaque", id: `${identity.provider}:${identity.externalId}` } : { format: "opaque", id: String((payload.workflow as { id?: string } | null)?.id ?? payload.id) };
    const eventClaims = credentialEvent
      ? { [CAEP.credentialChange]: { subject, credential_type: "api-key", change_type: "revoke", event_timestamp: Math.floor(Date.parse(payload.occurredAt) / 1000), initiating_entity: "admin", reason_admin: { en: payload.reason ?? "" } } }
      : { [CAEP.sessionRevoked]: { subject, event_timestamp: Math.floor(Date.parse(payload.occurredAt) / 1000), initiating_entity: "admin", reason_admin: { en: payload.reason ?? "" } } };
    const token = await new SignJWT({ events: eventClaims, txn: payload.id, countersign: payload })
      .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "secevent+jwt" })
      .setIssuer(appUrl())
      .setAudience(new URL(hook.url).origin)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setJti(payload.id)
      .sign(key.privateKey);
    return { body: token, headers: { "content-type": "application/secevent+jwt", accept: "application/json" } };
  }

  if (!hook.secretEncrypted) throw new Error("standard-webhooks hook without a secret");
  const body = JSON.stringify(payload);
  const secrets = [open(hook.secretEncrypted, HOOK_SECRET_PURPOSE)];
  if (hook.previousSecretEncrypted && hook.previousSecretValidUntil && hook.previousSecretValidUntil > now) {
    secrets.push(open(hook.previousSecretEncrypted, HOOK_SECRET_PURPOSE));
  }
  const signature = secrets.map((s) => new Webhook(s).sign(payload.id, now, body)).join(" ");
  return {
    body,
    headers: {
      "content-type": "application/json",
      "webhook-id": payload.id,
      "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
      "webhook-signature": signature,
    },
  };
}
