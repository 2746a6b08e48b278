import { eq } from "drizzle-orm";
import { db } from "@/db";
import { dataSets } from "@/db/schema";
import { requirePermission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { isUniqueViolation } from "@/lib/domain/db-errors";
import { assertActiveUsers } from "@/lib/domain/users/user-checks";
import { AppError } from "@/lib/errors";
import type { CreateDataSetInput, UpdateDataSetInput } from "@/lib/validation/data-sets";

const duplicate = () => new AppError("conflict", "Another data set already has this name", [{ path: "name", message: "is already in use" }]);

export async function getDataSet(actor: Actor, id: string) {
  requirePermission(actor, "data_sets.read");
  const [row] = await db.select().from(dataSets).where(eq(dataSets.id, id));
  if (!row) throw AppError.notFound("Data set");
  return row;
}

export async function createDataSet(actor: Actor, input: CreateDataSetInput) {
  requirePermission(actor, "data_sets.write");
  try {
    return await db.transaction(async (tx) => {
      await assertActiveUsers(tx, [{ path: "ownerId", userId: input.ownerId }]);
      const [row] = await tx.insert(dataSets).values(input).returning();
      await recordAuditEvent(tx, actor, { action: "data_set.created", targetType: "data_set", targetId: row!.id, after: input });
      return row!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "data_sets_name_lower_idx")) throw duplicate();
    throw error;
  }
}

export async function updateDataSet(actor: Actor, id: string, input: UpdateDataSetInput) {
  requirePermission(actor, "data_sets.write");
  const { reason, ...changes } = input;
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx.select().from(dataSets).where(eq(dataSets.id, id)).for("update");
      if (!before) throw AppError.notFound("Data set");
      await assertActiveUsers(tx, [{ path: "ownerId", userId: changes.ownerId }]);
      const [after] = await tx.update(dataSets).set({ ...changes, updatedAt: new Date() }).where(eq(dataSets.id, id)).returning();
      await recordAuditEvent(tx, actor, {
        action: "data_set.updated",
        targetType: "data_set",
        targetId: id,
        reason,
        before: { name: before.name, system: before.system, sensitivity: before.sensitivity, environment: before.environment, ownerId: before.ownerId },
        after: changes,
      });
      return after!;
    });
  } catch (error) {
    if (isUniqueViolation(error, "data_sets_name_lower_idx")) throw duplicate();
    throw error;
  }
}
