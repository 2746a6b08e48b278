import { decideException } from "@/lib/domain/exceptions/exceptions";
import { route } from "@/lib/server/route";
import { idParam } from "@/lib/validation/common";
import { decideExceptionInput } from "@/lib/validation/exceptions";

export const POST = route(
  {
    path: "/api/v1/exceptions/{id}/approve",
    summary: "Approve an exception (the workflow's business owner or an escalation delegate; never the requester)",
    access: "exceptions.approve",
    body: decideExceptionInput,
    tag: "Exceptions",
  },
  ({ actor, params, body }) => decideException(actor, idParam(params), "approved", body.comment),
);
