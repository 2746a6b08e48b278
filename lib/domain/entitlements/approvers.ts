import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users, workflowEscalationSteps } from "@/db/schema";

/** Who is asked for the identity side: the workflow's identity owner, else every identity owner. */
export async function identityApprovers(db: DbOrTx, workflowIdentityOwnerId: string | null): Promise<string[]> {
  if (workflowIdentityOwnerId) return [workflowIdentityOwnerId];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), sql`'identity_owner' = any(${users.roles})`));
  return rows.map((r) => r.id);
}

/** The business side may be signed by the workflow's business owner or a delegate on its escalation path. */
export async function isBusinessApprover(db: DbOrTx, userId: string, workflow: { id: string; businessOwnerId: string | null }) {
  if (workflow.businessOwnerId === userId) return true;
  const [step] = await db
    .select({ userId: workflowEscalationSteps.userId })
    .from(workflowEscalationSteps)
    .where(and(eq(workflowEscalationSteps.workflowId, workflow.id), eq(workflowEscalationSteps.userId, userId)));
  return Boolean(step);
}
