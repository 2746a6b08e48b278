import { z } from "zod";
import { pageQuery } from "./common";

export const listAuditQuery = pageQuery.extend({
  actor: z.string().trim().max(254).optional(),
  action: z.string().trim().max(100).optional(),
  targetType: z.string().trim().max(50).optional(),
  targetId: z.string().trim().max(100).optional(),
  from: z.iso.datetime({ offset: true, message: "must be an RFC 3339 time" }).optional(),
  to: z.iso.datetime({ offset: true, message: "must be an RFC 3339 time" }).optional(),
});
export type ListAuditQuery = z.infer<typeof listAuditQuery>;
