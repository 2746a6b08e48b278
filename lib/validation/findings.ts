import { z } from "zod";
import { FINDING_SEVERITIES, FINDING_STATUSES } from "@/db/schema/enums";
import { blankToUndefined, pageQuery, text, uuid } from "./common";

/** Longest a risk acceptance may last before the finding reopens on its own. */
export const MAX_ACCEPTANCE_DAYS = 365;
const DAY_MS = 86_400_000;

export const FINDING_TARGET_TYPES = ["nhi", "workflow", "entitlement", "credential", "revocation"] as const;

/** `OWASP-NHI:NHI7`, `OWASP-ASI:ASI03`, `NIST-AI-RMF:GOVERN-1.5`. */
export const frameworkItemId = z
  .string()
  .regex(/^(OWASP-NHI|OWASP-ASI|NIST-AI-RMF):[A-Z]+[0-9]*(-[0-9]+(\.[0-9]+)?)?$/, "must be a framework item id such as OWASP-NHI:NHI7");

export const listFindingsQuery = pageQuery.extend({
  ruleId: z.preprocess(blankToUndefined, z.string().regex(/^[a-z0-9-]{1,80}$/, "must be a rule id").optional()),
  severity: z.preprocess(blankToUndefined, z.enum(FINDING_SEVERITIES).optional()),
  framework: z.preprocess(blankToUndefined, frameworkItemId.optional()),
  ownerId: z.preprocess(blankToUndefined, z.union([uuid, z.literal("none")]).optional()),
  // "all" lets a filter form say "any status" explicitly (the page defaults to open).
  status: z.preprocess(blankToUndefined, z.enum([...FINDING_STATUSES, "all"]).optional()),
  targetType: z.preprocess(blankToUndefined, z.enum(FINDING_TARGET_TYPES).optional()),
  targetId: z.preprocess(blankToUndefined, uuid.optional()),
});
export type ListFindingsQuery = z.infer<typeof listFindingsQuery>;

export const acceptFindingInput = z
  .object({
    reason: text(1000, 10),
    until: z.coerce
      .date({ message: "must be an RFC 3339 time" })
      .refine((d) => d.getTime() > Date.now(), "must be in the future")
      .refine((d) => d.getTime() <= Date.now() + MAX_ACCEPTANCE_DAYS * DAY_MS, `must be within ${MAX_ACCEPTANCE_DAYS} days`),
  })
  .strict();
export type AcceptFindingInput = z.infer<typeof acceptFindingInput>;
