import { createWorkflow } from "@/lib/domain/workflows/create-workflow";
import { getWorkflow } from "@/lib/domain/workflows/get-workflow";
import { listWorkflows } from "@/lib/domain/workflows/list-workflows";
import { route } from "@/lib/server/route";
import { createWorkflowInput, listWorkflowsQuery } from "@/lib/validation/workflows";

export const GET = route(
  { path: "/api/v1/workflows", summary: "List workflows", access: "workflows.read", query: listWorkflowsQuery, tag: "Workflows" },
  ({ actor, query }) => listWorkflows(actor, query),
);

export const POST = route(
  {
    path: "/api/v1/workflows",
    summary: "Declare a workflow (starts as a draft; the caller is its business owner)",
    access: "workflows.write",
    body: createWorkflowInput,
    status: 201,
    tag: "Workflows",
  },
  async ({ actor, body }) => {
    const workflow = await createWorkflow(actor, body);
    return getWorkflow(actor, workflow.id);
  },
);
