import { decideReviewItems } from "@/lib/domain/reviews/decide-review-item";
import { route } from "@/lib/server/route";
import { bulkDecideReviewsInput } from "@/lib/validation/reviews";

export const POST = route(
  {
    path: "/api/v1/reviews/decisions",
    summary: "Certify or revoke several review items at once; each item succeeds or fails on its own (per-item results)",
    access: "reviews.decide",
    body: bulkDecideReviewsInput,
    tag: "Reviews",
  },
  ({ actor, body }) => decideReviewItems(actor, body),
);
