import { buildOpenApi } from "@/lib/api/openapi";
import { route } from "@/lib/server/route";
import { API_ROUTE_MODULES } from "../route-index";

export const GET = route(
  { path: "/api/v1/openapi.json", summary: "This API's OpenAPI 3.1 document", access: { public: "API descriptions are public documentation" } },
  async () => buildOpenApi(Object.values(API_ROUTE_MODULES)),
);
