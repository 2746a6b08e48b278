// Every API route module, for the OpenAPI document and the permission test.
// A test fails when a route file exists under app/ that is not listed here.
import * as health from "../health/route";
import * as apiKey from "./api-keys/[id]/route";
import * as apiKeys from "./api-keys/route";
import * as auditVerify from "./audit/verify/route";
import * as audit from "./audit/route";
import * as me from "./me/route";
import * as user from "./users/[id]/route";
import * as users from "./users/route";

export const API_ROUTE_MODULES: Record<string, Record<string, unknown>> = {
  "app/api/health/route.ts": health,
  "app/api/v1/api-keys/route.ts": apiKeys,
  "app/api/v1/api-keys/[id]/route.ts": apiKey,
  "app/api/v1/audit/route.ts": audit,
  "app/api/v1/audit/verify/route.ts": auditVerify,
  "app/api/v1/me/route.ts": me,
  "app/api/v1/users/route.ts": users,
  "app/api/v1/users/[id]/route.ts": user,
};
