import { z } from "zod";
import { ENTITLEMENT_STATUSES } from "@/db/schema/enums";
import { pageQuery, text, uuid } from "./common";
import { actionList } from "./workflows";

export const approvalSide = z.enum(["business", "identity"], { message: "must be business or identity" });

export const requestEntitlementInput = z
  .object({
    workflowId: uuid,
    identityId: uuid,
    dataSetId: uuid,
    actions: actionList,
    jit: z.boolean().default(false),
    maxTtlSeconds: z.number().int("must be whole seconds").min(60, "must be at least 60 seconds").max(86_400, "must be at most 24 hours").nullish(),
    expiresAt: z.coerce
      .date({ message: "must be an RFC 3339 time" })
      .refine((d) => d.getTime() > Date.now(), "must be in the future")
      .nullish(),
    justification: text(2000, 10),
  })
  .strict()
  .refine((r) => !r.maxTtlSeconds || r.jit, { path: ["maxTtlSeconds"], message: "only applies to JIT entitlements" });
export type RequestEntitlementInput = z.infer<typeof requestEntitlementInput>;

export const approveEntitlementInput = z.object({ side: approvalSide, comment: z.string().trim().max(1000).optional() }).strict();
export const denyEntitlementInput = z.object({ side: approvalSide, comment: text(1000, 3) }).strict();

export const listEntitlementsQuery = pageQuery.extend({
  id: uuid.optional(),
  status: z.enum(ENTITLEMENT_STATUSES).optional(),
  workflowId: uuid.optional(),
  identityId: uuid.optional(),
  dataSetId: uuid.optional(),
  /** "mine": waiting for the caller's approval on either side; "requested": requested by the caller. */
  inbox: z.enum(["mine", "requested"]).optional(),
});
export type ListEntitlementsQuery = z.infer<typeof listEntitlementsQuery>;
