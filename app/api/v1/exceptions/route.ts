import { listExceptions, requestException } from "@/lib/domain/exceptions/exceptions";
import { route } from "@/lib/server/route";
import { listExceptionsQuery, requestExceptionInput } from "@/lib/validation/exceptions";

export const GET = route(
  { path: "/api/v1/exceptions", summary: "List exceptions", access: "workflows.read", query: listExceptionsQuery, tag: "Exceptions" },
  ({ actor, query }) => listExceptions(actor, query),
);

export const POST = route(
  {
    path: "/api/v1/exceptions",
    summary: "Request an expiring exception to a workflow's approved data sets (the business owner approves)",
    access: "exceptions.request",
    body: requestExceptionInput,
    status: 201,
    tag: "Exceptions",
  },
  ({ actor, body }) => requestException(actor, body),
);
