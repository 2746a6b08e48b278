// Every API route module, for the OpenAPI document and the permission test.
// A test fails when a route file exists under app/ that is not listed here.
import * as health from "../health/route";
import * as v1ApiKeysId from "./api-keys/[id]/route";
import * as v1ApiKeys from "./api-keys/route";
import * as v1Audit from "./audit/route";
import * as v1AuditVerify from "./audit/verify/route";
import * as v1DataSetsId from "./data-sets/[id]/route";
import * as v1DataSets from "./data-sets/route";
import * as v1ExceptionsIdApprove from "./exceptions/[id]/approve/route";
import * as v1ExceptionsIdDeny from "./exceptions/[id]/deny/route";
import * as v1Exceptions from "./exceptions/route";
import * as v1Me from "./me/route";
import * as v1UsersId from "./users/[id]/route";
import * as v1Users from "./users/route";
import * as v1WorkflowsIdActivate from "./workflows/[id]/activate/route";
import * as v1WorkflowsIdImpact from "./workflows/[id]/impact/route";
import * as v1WorkflowsIdRetire from "./workflows/[id]/retire/route";
import * as v1WorkflowsId from "./workflows/[id]/route";
import * as v1WorkflowsIdSuspend from "./workflows/[id]/suspend/route";
import * as v1WorkflowsIdTransfer from "./workflows/[id]/transfer/route";
import * as v1Workflows from "./workflows/route";

export const API_ROUTE_MODULES: Record<string, Record<string, unknown>> = {
  "app/api/health/route.ts": health,
  "app/api/v1/api-keys/[id]/route.ts": v1ApiKeysId,
  "app/api/v1/api-keys/route.ts": v1ApiKeys,
  "app/api/v1/audit/route.ts": v1Audit,
  "app/api/v1/audit/verify/route.ts": v1AuditVerify,
  "app/api/v1/data-sets/[id]/route.ts": v1DataSetsId,
  "app/api/v1/data-sets/route.ts": v1DataSets,
  "app/api/v1/exceptions/[id]/approve/route.ts": v1ExceptionsIdApprove,
  "app/api/v1/exceptions/[id]/deny/route.ts": v1ExceptionsIdDeny,
  "app/api/v1/exceptions/route.ts": v1Exceptions,
  "app/api/v1/me/route.ts": v1Me,
  "app/api/v1/users/[id]/route.ts": v1UsersId,
  "app/api/v1/users/route.ts": v1Users,
  "app/api/v1/workflows/[id]/activate/route.ts": v1WorkflowsIdActivate,
  "app/api/v1/workflows/[id]/impact/route.ts": v1WorkflowsIdImpact,
  "app/api/v1/workflows/[id]/retire/route.ts": v1WorkflowsIdRetire,
  "app/api/v1/workflows/[id]/route.ts": v1WorkflowsId,
  "app/api/v1/workflows/[id]/suspend/route.ts": v1WorkflowsIdSuspend,
  "app/api/v1/workflows/[id]/transfer/route.ts": v1WorkflowsIdTransfer,
  "app/api/v1/workflows/route.ts": v1Workflows,
};
