import { db } from "@/db";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { verifyAuditChain } from "./verify-audit-chain";

export async function verifyAuditTrail(actor: Actor) {
  requirePermission(actor, "audit.verify");
  return verifyAuditChain(db);
}
