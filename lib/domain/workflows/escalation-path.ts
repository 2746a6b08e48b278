import { eq } from "drizzle-orm";
import type { Transaction } from "@/db";
import { workflowEscalationSteps } from "@/db/schema";
import { assertActiveUsers } from "@/lib/domain/users/user-checks";

/** Stores the ordered escalation path (position 0 is asked first). */
export async function replaceEscalationPath(tx: Transaction, workflowId: string, userIds: string[]) {
  await assertActiveUsers(
    tx,
    // Delegates sign the business side, so they need the business owner role.
    userIds.map((userId, i) => ({ path: `escalationPath.${i}`, userId, role: "business_owner" as const })),
  );
  await tx.delete(workflowEscalationSteps).where(eq(workflowEscalationSteps.workflowId, workflowId));
  if (userIds.length) {
    await tx.insert(workflowEscalationSteps).values(userIds.map((userId, position) => ({ workflowId, position, userId })));
  }
}
