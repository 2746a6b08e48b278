import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "@/db";
import { idempotencyKeys } from "@/db/schema";
import { open, seal } from "@/lib/crypto/secret-box";
import { AppError } from "@/lib/errors";

// Stored answers can hold one-time secrets (a new API key, a hook secret): keep them sealed.
const PURPOSE = "idempotent-responses";

const RETENTION_MS = 24 * 60 * 60 * 1000;

export function requestFingerprint(method: string, path: string, body: string): string {
  return crypto.createHash("sha256").update(`${method} ${path}\n${body}`).digest("hex");
}

/** The stored answer for a repeated Idempotency-Key, or null the first time. */
export async function findIdempotentReplay(principal: string, key: string, fingerprint: string) {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.principal, principal), eq(idempotencyKeys.key, key)));
  if (!row) return null;
  if (row.createdAt.getTime() < Date.now() - RETENTION_MS) return null;
  if (row.requestHash !== fingerprint) {
    throw new AppError("conflict", "Idempotency-Key was already used with a different request", [
      { path: "Idempotency-Key", message: "was used with another request body" },
    ]);
  }
  const stored = row.responseBody as { sealed?: string } | null;
  return { status: row.responseStatus, body: stored?.sealed ? (JSON.parse(open(stored.sealed, PURPOSE)) as unknown) : null };
}

export async function storeIdempotentResult(principal: string, key: string, fingerprint: string, status: number, body: unknown) {
  await db
    .insert(idempotencyKeys)
    .values({
      principal,
      key,
      requestHash: fingerprint,
      responseStatus: status,
      responseBody: body == null ? null : { sealed: seal(JSON.stringify(body), PURPOSE) },
    })
    .onConflictDoNothing();
}
