"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { markMyNotificationsRead } from "@/lib/domain/notifications/notifications";
import { action } from "@/lib/server/action";
import { uuid } from "@/lib/validation/common";

/** Without ids, marks every unread notification of the caller read. */
const markReadInput = z.object({ ids: z.array(uuid).min(1).max(500).optional() }).strict();

// "authenticated": the inbox belongs to whoever is signed in; the domain only ever touches their own rows.
export const markNotificationsReadAction = action(
  "notifications.mark_read",
  "authenticated",
  markReadInput,
  async (actor, input) => {
    const result = await markMyNotificationsRead(actor, input.ids);
    // The unread badge lives in the dashboard layout, on every page.
    revalidatePath("/", "layout");
    return result;
  },
);
