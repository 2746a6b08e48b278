import crypto from "node:crypto";
import { desc, eq, gt, or, sql } from "drizzle-orm";
import { type JWK, exportJWK, generateKeyPair, importJWK } from "jose";
import { db, type DbOrTx, type Transaction } from "@/db";
import { signingKeys } from "@/db/schema";
import { open, seal } from "@/lib/crypto/secret-box";

const PURPOSE = "signing-keys";
const KEY_CREATION_LOCK = 7_202_613;

export type ActiveSigningKey = { kid: string; privateKey: CryptoKey; publicJwk: JWK };

const cache = globalThis as { __csSigningKey?: { kid: string; key: ActiveSigningKey } };

/**
 * The ES256 key that signs JIT tokens and CAEP SETs. Created on first use;
 * the private key is stored AES-GCM encrypted under APP_SECRET.
 */
export async function getActiveSigningKey(): Promise<ActiveSigningKey> {
  const [row] = await db.select().from(signingKeys).where(eq(signingKeys.active, true)).orderBy(desc(signingKeys.createdAt)).limit(1);
  if (!row) return createSigningKey(db);
  if (cache.__csSigningKey?.kid === row.kid) return cache.__csSigningKey.key;
  const jwk = JSON.parse(open(row.privateKeyEncrypted, PURPOSE)) as JWK;
  const key = { kid: row.kid, privateKey: (await importJWK(jwk, "ES256")) as CryptoKey, publicJwk: row.publicJwk as JWK };
  cache.__csSigningKey = { kid: row.kid, key };
  return key;
}

/** Makes a new active key; the previous one stays verifiable until `verifyUntil`. */
export async function createSigningKey(database: DbOrTx, retireOthersUntil?: Date): Promise<ActiveSigningKey> {
  const material = await newKeyMaterial();
  await database.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${KEY_CREATION_LOCK})`);
    if (!retireOthersUntil) {
      const [existing] = await tx.select({ kid: signingKeys.kid }).from(signingKeys).where(eq(signingKeys.active, true)).limit(1);
      if (existing) return; // another process created it first
    } else {
      await retireActiveKeys(tx, retireOthersUntil);
    }
    await tx.insert(signingKeys).values(material);
  });
  return getActiveSigningKey();
}

/**
 * Rotation inside the caller's transaction, so the caller's audit event
 * commits with it: a new active key, and every previously active key retired
 * but still verifiable until max(its `verifyUntil`, now) — minting keeps
 * `verifyUntil` at the latest expiry of what the key signed, so no token it
 * signed loses its key before it expires.
 */
export async function rotateSigningKey(tx: Transaction): Promise<{ kid: string; retired: { kid: string; verifyUntil: Date | null }[] }> {
  const material = await newKeyMaterial();
  await tx.execute(sql`select pg_advisory_xact_lock(${KEY_CREATION_LOCK})`);
  const retired = await retireActiveKeys(tx, new Date());
  await tx.insert(signingKeys).values(material);
  return { kid: material.kid, retired };
}

/** Never shortens a verification window: `verifyUntil` only moves later. */
async function retireActiveKeys(tx: Transaction, until: Date) {
  const at = sql`${until.toISOString()}::timestamptz`;
  return tx
    .update(signingKeys)
    .set({ active: false, retiredAt: new Date(), verifyUntil: sql`greatest(coalesce(${signingKeys.verifyUntil}, ${at}), ${at})` })
    .where(eq(signingKeys.active, true))
    .returning({ kid: signingKeys.kid, verifyUntil: signingKeys.verifyUntil });
}

async function newKeyMaterial() {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = crypto.randomBytes(8).toString("hex");
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  const privateJwk = await exportJWK(privateKey);
  return { kid, publicJwk, privateKeyEncrypted: seal(JSON.stringify(privateJwk), PURPOSE), active: true };
}

/** Public keys that may still verify something: the active one and retired ones within their window. */
export async function publicJwks(): Promise<{ keys: JWK[] }> {
  const rows = await db
    .select({ publicJwk: signingKeys.publicJwk })
    .from(signingKeys)
    .where(or(eq(signingKeys.active, true), gt(signingKeys.verifyUntil, new Date())))
    .orderBy(desc(signingKeys.createdAt));
  return { keys: rows.map((r) => r.publicJwk as JWK) };
}
