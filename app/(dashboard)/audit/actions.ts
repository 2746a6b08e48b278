"use server";

import { z } from "zod";
import { verifyAuditTrail } from "@/lib/domain/audit/verify";
import { action } from "@/lib/server/action";

export const verifyAuditChainAction = action("audit.verify", "audit.verify", z.object({}).strict(), (actor) =>
  verifyAuditTrail(actor),
);
