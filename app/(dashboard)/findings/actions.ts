"use server";

import { revalidatePath } from "next/cache";
import { acceptFindingRisk } from "@/lib/domain/findings/accept-finding-risk";
import { action } from "@/lib/server/action";
import { uuid } from "@/lib/validation/common";
import { acceptFindingInput } from "@/lib/validation/findings";

export const acceptFindingRiskAction = action(
  "findings.accept",
  "findings.accept",
  acceptFindingInput.extend({ id: uuid }),
  async (actor, { id, ...input }) => {
    const finding = await acceptFindingRisk(actor, id, input);
    revalidatePath("/findings");
    revalidatePath("/frameworks");
    // The overview's "needs your action" lists the findings a person owns.
    revalidatePath("/");
    return { id: finding.id, status: finding.status };
  },
);
