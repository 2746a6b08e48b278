"use server";

import { revalidatePath } from "next/cache";
import { createDataSet, updateDataSet } from "@/lib/domain/data-sets/manage-data-sets";
import { action } from "@/lib/server/action";
import { uuid } from "@/lib/validation/common";
import { createDataSetInput, updateDataSetInput } from "@/lib/validation/data-sets";

export const createDataSetAction = action("data_sets.create", "data_sets.write", createDataSetInput, async (actor, input) => {
  const row = await createDataSet(actor, input);
  revalidatePath("/data-sets");
  return { id: row.id, name: row.name };
});

export const updateDataSetAction = action(
  "data_sets.update",
  "data_sets.write",
  updateDataSetInput.extend({ id: uuid }),
  async (actor, { id, ...input }) => {
    const row = await updateDataSet(actor, id, input);
    revalidatePath("/data-sets");
    return { id: row.id, name: row.name };
  },
);
