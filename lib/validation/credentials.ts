import { z } from "zod";
import { reason, text, uuid } from "./common";

export const STATIC_CREDENTIAL_KINDS = ["api_key", "client_secret", "certificate", "ssh_key", "token"] as const;

/**
 * A fingerprint, or the secret itself so the server can fingerprint it: the
 * secret is hashed on arrival and discarded, never stored or logged.
 */
const material = {
  fingerprint: z.string().trim().min(8, "must be at least 8 characters").max(200).optional(),
  secret: z.string().min(8, "must be at least 8 characters").max(20_000).optional(),
};

export const registerCredentialInput = z
  .object({
    kind: z.enum(STATIC_CREDENTIAL_KINDS, { message: `must be one of ${STATIC_CREDENTIAL_KINDS.join(", ")}` }),
    name: text(200),
    ...material,
    location: z.string().trim().max(500).optional(),
    entitlementId: uuid.nullish(),
    issuedAt: z.coerce.date({ message: "must be an RFC 3339 time" }).optional(),
    expiresAt: z.coerce.date({ message: "must be an RFC 3339 time" }).nullish(),
    rotationPeriodDays: z.number().int().min(1).max(3650).nullish(),
  })
  .strict()
  .refine((c) => !(c.fingerprint && c.secret), { path: ["secret"], message: "send a fingerprint or a secret, not both" })
  .refine((c) => !c.expiresAt || !c.issuedAt || c.expiresAt > c.issuedAt, { path: ["expiresAt"], message: "must be after issuedAt" });
export type RegisterCredentialInput = z.infer<typeof registerCredentialInput>;

export const rotateCredentialInput = z
  .object({
    ...material,
    expiresAt: z.coerce.date({ message: "must be an RFC 3339 time" }).nullish(),
    reason,
  })
  .strict()
  .refine((c) => !(c.fingerprint && c.secret), { path: ["secret"], message: "send a fingerprint or a secret, not both" })
  .refine((c) => c.fingerprint || c.secret, { path: ["fingerprint"], message: "the new credential needs a fingerprint or a secret" });
export type RotateCredentialInput = z.infer<typeof rotateCredentialInput>;

export const revokeInput = z.object({ reason }).strict();
