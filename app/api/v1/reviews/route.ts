import { listReviews } from "@/lib/domain/reviews/list-reviews";
import { route } from "@/lib/server/route";
import { listReviewsQuery } from "@/lib/validation/reviews";

export const GET = route(
  {
    path: "/api/v1/reviews",
    summary: "Review items, riskiest and soonest due first; `?reviewer=me&status=pending` is my queue",
    access: "reviews.read",
    query: listReviewsQuery,
    tag: "Reviews",
  },
  ({ actor, query }) => listReviews(actor, query),
);
