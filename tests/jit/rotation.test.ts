import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as jwksRoute from "@/app/.well-known/jwks.json/route";
import { db } from "@/db";
import { signingKeys } from "@/db/schema";
import { systemActor } from "@/lib/domain/actor";
import { rotateSigningKeys } from "@/lib/domain/jit/rotate-signing-keys";
import { verifyJitToken } from "@/lib/domain/jit/verify-jit-token";
import { call } from "../helpers";
import { identityOwner, mintedToken } from "./fixtures";

const cli = systemActor("cli");
const jwksKids = async () => ((await call(jwksRoute.GET, { path: "/.well-known/jwks.json" })).body!.keys as { kid: string }[]).map((k) => k.kid);

describe("[JIT] signing key rotation (`keys rotate`)", () => {
  afterEach(() => vi.useRealTimers());

  it("a token signed before rotation verifies after it until its expiry; new tokens carry the new kid; the JWKS lists both", async () => {
    const before = await mintedToken();
    const oldKid = before.header.kid!;
    const rotated = await rotateSigningKeys(cli);
    expect(rotated.kid).not.toBe(oldKid);
    expect(rotated.retired.map((r) => r.kid)).toEqual([oldKid]);
    // The retired key's window reaches at least to the last token it signed.
    expect(rotated.retired[0]!.verifyUntil!.getTime()).toBeGreaterThanOrEqual(before.minted.expiresAt.getTime());

    const expectedBefore = { nhiId: before.grant.nhiId, entitlementId: before.grant.id };
    expect(await verifyJitToken(before.minted.token, expectedBefore)).toEqual({ ok: true, jti: before.minted.jti });

    const after = await mintedToken();
    expect(after.header.kid).toBe(rotated.kid);
    expect(await verifyJitToken(after.minted.token, { nhiId: after.grant.nhiId, entitlementId: after.grant.id })).toMatchObject({ ok: true });

    const kids = await jwksKids();
    expect(kids).toEqual(expect.arrayContaining([oldKid, rotated.kid]));
    const [oldRow] = await db.select().from(signingKeys).where(eq(signingKeys.kid, oldKid));
    expect(oldRow).toMatchObject({ active: false });
    expect(oldRow!.retiredAt).toBeInstanceOf(Date);
    const [active] = await db.execute<{ n: number }>(sql`select count(*)::int as n from signing_keys where active`);
    expect(active!.n).toBe(1);

    // Past its expiry the old token is refused like any other expired token.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime((before.claims.exp! + 1) * 1000);
    expect(await verifyJitToken(before.minted.token, expectedBefore)).toEqual({ ok: false, reason: "jit_token_expired" });
  });

  it("a retired key past its window verifies nothing and leaves the JWKS", async () => {
    const before = await mintedToken();
    const oldKid = before.header.kid!;
    await rotateSigningKeys(cli);
    await db.update(signingKeys).set({ verifyUntil: sql`now() - interval '1 second'` }).where(eq(signingKeys.kid, oldKid));
    expect(await verifyJitToken(before.minted.token, { nhiId: before.grant.nhiId, entitlementId: before.grant.id })).toEqual({
      ok: false,
      reason: "jit_token_invalid",
    });
    expect(await jwksKids()).not.toContain(oldKid);
  });

  it("rotation never shortens a window: a key whose verifyUntil is later keeps it", async () => {
    const { header } = await mintedToken();
    const later = new Date(Date.now() + 3_000_000);
    await db.update(signingKeys).set({ verifyUntil: later }).where(eq(signingKeys.kid, header.kid!));
    const rotated = await rotateSigningKeys(cli);
    expect(rotated.retired[0]!.verifyUntil).toEqual(later);
  });

  it("records one audit event signing_key.rotated per rotation, and refuses actors without settings.manage", async () => {
    const rotated = await rotateSigningKeys(cli);
    const events = await db.execute<{ actor_label: string; target_id: string; after: { retired: unknown[] } }>(
      sql`select actor_label, target_id, after from audit_events where action = 'signing_key.rotated' and target_id = ${rotated.kid}`,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_label: "system:cli", target_id: rotated.kid });
    expect(events[0]!.after.retired).toHaveLength(1);
    await expect(rotateSigningKeys(await identityOwner())).rejects.toMatchObject({ code: "forbidden" });
  });
});
