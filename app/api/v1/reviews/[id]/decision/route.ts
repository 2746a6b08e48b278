import { decideReviewItem } from "@/lib/domain/reviews/decide-review-item";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { decideReviewInput } from "@/lib/validation/reviews";

export const POST = route(
  {
    path: "/api/v1/reviews/{id}/decision",
    summary: "Decide a review item as its reviewer: certify (next review moves by the cadence), revoke (a real revocation), modify (narrow the actions) or delegate",
    access: "reviews.decide",
    body: decideReviewInput,
    tag: "Reviews",
  },
  ({ actor, params, body }) => decideReviewItem(actor, idParam(params), body),
);
