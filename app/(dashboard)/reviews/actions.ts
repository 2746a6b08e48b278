"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { decideReviewItem, decideReviewItems } from "@/lib/domain/reviews/decide-review-item";
import { listDelegateCandidates } from "@/lib/domain/reviews/list-delegates";
import { action } from "@/lib/server/action";
import { uuid } from "@/lib/validation/common";
import { bulkDecideReviewsInput, decideReviewActionInput } from "@/lib/validation/reviews";

function revalidateQueue() {
  revalidatePath("/reviews");
  // The Overview's "Needs your action" card counts open reviews too.
  revalidatePath("/");
}

export const decideReviewAction = action(
  "reviews.decide",
  "reviews.decide",
  decideReviewActionInput,
  async (actor, { id, ...input }) => {
    const result = await decideReviewItem(actor, id, input);
    revalidateQueue();
    return result;
  },
);

export const bulkDecideReviewsAction = action("reviews.decide_bulk", "reviews.decide", bulkDecideReviewsInput, async (actor, input) => {
  const result = await decideReviewItems(actor, input);
  revalidateQueue();
  return result;
});

export const delegateCandidatesAction = action("reviews.delegate_candidates", "reviews.decide", z.object({ id: uuid }), async (actor, { id }) =>
  listDelegateCandidates(actor, id),
);
