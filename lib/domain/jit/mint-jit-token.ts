import crypto from "node:crypto";
import { and, eq, lt, isNull, or, sql } from "drizzle-orm";
import { SignJWT } from "jose";
import { db } from "@/db";
import { credentials, entitlements, nhis, signingKeys, workflows } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { fingerprintSecret } from "@/lib/domain/credentials/fingerprint";
import { getActiveSigningKey } from "@/lib/domain/keys/signing-keys";
import { JIT_TTL_CAP_SECONDS } from "@/lib/domain/policy";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { JIT_ALGORITHM, JIT_AUDIENCE } from "./claims";

export type MintJitInput = { entitlementId: string; ttlSeconds?: number; task: string };
export type MintedJitToken = { token: string; tokenType: "Bearer"; expiresAt: Date; jti: string };

const NAME_MAX = 200;

/**
 * The lifetime a token gets: the shortest of what was asked for, the
 * entitlement's and the workflow's caps, and the policy cap for the NHI's
 * classification. Asking for more is not an error; the answer shows `expiresAt`.
 */
export function jitTtlSeconds(input: {
  requested?: number | null;
  entitlementMax?: number | null;
  workflowMax?: number | null;
  classification: keyof typeof JIT_TTL_CAP_SECONDS;
}): number {
  const cap = JIT_TTL_CAP_SECONDS[input.classification];
  return Math.min(input.requested ?? cap, input.entitlementMax ?? cap, input.workflowMax ?? cap, cap);
}

/**
 * Mints a short-lived ES256 JWT for a JIT entitlement, bound to its NHI
 * (`sub`), workflow, data set, actions and task, and records it as a
 * credential so revoking the entitlement (or the credential) kills it.
 * The token itself is returned once and stored nowhere (only its fingerprint).
 */
export async function mintJitToken(actor: Actor, input: MintJitInput): Promise<MintedJitToken> {
  requirePermission(actor, "credentials.issue_jit");
  const key = await getActiveSigningKey();
  return db.transaction(async (tx) => {
    // FOR SHARE on the entitlement: a concurrent revoke either waits for this token to exist
    // (and then revokes it) or commits first, in which case we read `revoked` here and refuse.
    const [row] = await tx
      .select({ e: entitlements, nhi: { id: nhis.id, status: nhis.status, classification: nhis.classification }, workflow: { id: workflows.id, status: workflows.status, maxJitTtlSeconds: workflows.maxJitTtlSeconds } })
      .from(entitlements)
      .innerJoin(nhis, eq(nhis.id, entitlements.nhiId))
      .innerJoin(workflows, eq(workflows.id, entitlements.workflowId))
      .where(eq(entitlements.id, input.entitlementId))
      .for("share", { of: entitlements });
    if (!row) throw AppError.notFound("Entitlement");
    const { e, nhi, workflow } = row;
    if (!e.jit) throw AppError.conflict("This entitlement is not a JIT entitlement; JIT tokens are minted only for JIT entitlements");
    if (e.status !== "active") throw AppError.conflict(`JIT tokens are minted only for an active entitlement (this one is ${e.status})`);
    if (e.expiresAt && e.expiresAt.getTime() <= Date.now()) throw AppError.conflict("This entitlement has expired");
    if (nhi.status !== "active") throw AppError.conflict(`The entitlement's NHI is ${nhi.status}; JIT tokens are minted only for an active NHI`);
    if (workflow.status !== "active") throw AppError.conflict(`The entitlement's workflow is ${workflow.status}; JIT tokens are minted only for an active workflow`);

    let ttl = jitTtlSeconds({ requested: input.ttlSeconds, entitlementMax: e.maxTtlSeconds, workflowMax: workflow.maxJitTtlSeconds, classification: nhi.classification });
    // A token never outlives the entitlement it was minted for.
    const now = Math.floor(Date.now() / 1000);
    if (e.expiresAt) ttl = Math.min(ttl, Math.floor(e.expiresAt.getTime() / 1000) - now);
    if (ttl < 1) throw AppError.conflict("This entitlement expires too soon to mint a token");
    const exp = now + ttl;
    const jti = crypto.randomUUID();

    const token = await new SignJWT({
      workflow: workflow.id,
      entitlement: e.id,
      data_sets: [e.dataSetId],
      actions: e.actions,
      task: input.task,
    })
      .setProtectedHeader({ alg: JIT_ALGORITHM, kid: key.kid, typ: "JWT" })
      .setIssuer(appUrl())
      .setSubject(nhi.id)
      .setAudience(JIT_AUDIENCE)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(exp)
      .setJti(jti)
      .sign(key.privateKey);

    const issuedAt = new Date(now * 1000);
    const expiresAt = new Date(exp * 1000);
    const fingerprint = fingerprintSecret(token);
    const [credential] = await tx
      .insert(credentials)
      .values({ nhiId: nhi.id, entitlementId: e.id, kind: "jit_token", name: credentialName(input.task), fingerprint, jti, issuedAt, lastRotatedAt: issuedAt, expiresAt })
      .returning({ id: credentials.id });

    // The key must stay in the JWKS at least as long as anything it signed can still be presented;
    // only raise verify_until, so concurrent mints and a rotation can never shorten it.
    const until = sql`${expiresAt.toISOString()}::timestamptz`;
    await tx
      .update(signingKeys)
      .set({ verifyUntil: sql`greatest(coalesce(${signingKeys.verifyUntil}, ${until}), ${until})` })
      .where(and(eq(signingKeys.kid, key.kid), or(isNull(signingKeys.verifyUntil), lt(signingKeys.verifyUntil, expiresAt))));

    await recordAuditEvent(tx, actor, {
      action: "credential.jit_minted",
      targetType: "credential",
      targetId: credential!.id,
      after: { jti, kid: key.kid, nhiId: nhi.id, workflowId: workflow.id, entitlementId: e.id, dataSetId: e.dataSetId, actions: e.actions, task: input.task, ttlSeconds: ttl, expiresAt, fingerprint },
    });
    return { token, tokenType: "Bearer" as const, expiresAt, jti };
  });
}

function credentialName(task: string): string {
  const name = `JIT token for ${task}`;
  return name.length <= NAME_MAX ? name : `${name.slice(0, NAME_MAX - 1)}…`;
}
