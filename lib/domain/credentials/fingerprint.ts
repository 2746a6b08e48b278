import crypto from "node:crypto";

/**
 * A pasted secret becomes an OpenSSH-style SHA-256 fingerprint; the secret
 * itself goes no further than this function (never stored, never logged).
 */
export function fingerprintSecret(secret: string): string {
  return `SHA256:${crypto.createHash("sha256").update(secret, "utf8").digest("base64").replace(/=+$/, "")}`;
}

export function materialFingerprint(input: { fingerprint?: string; secret?: string }): string | null {
  if (input.secret) return fingerprintSecret(input.secret);
  return input.fingerprint ?? null;
}
