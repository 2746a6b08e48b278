import { z } from "zod";
import { PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { type RouteMeta, metaOf } from "@/lib/server/route-meta";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

const problem = {
  description: "RFC 9457 problem details",
  content: {
    "application/problem+json": {
      schema: {
        type: "object",
        required: ["type", "title", "status", "detail"],
        properties: {
          type: { type: "string" },
          title: { type: "string" },
          status: { type: "integer" },
          detail: { type: "string" },
          errors: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
        },
      },
    },
  },
};

function jsonSchema(schema: z.ZodType) {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
}

function queryParameters(meta: RouteMeta) {
  const schema = meta.query ? jsonSchema(meta.query) : undefined;
  const props = (schema?.properties ?? {}) as Record<string, object>;
  return Object.entries(props).map(([name, s]) => ({ name, in: "query", required: false, schema: s }));
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
}

/** OpenAPI 3.1 built from the same route metadata and zod schemas the handlers run. */
export function buildOpenApi(modules: Record<string, unknown>[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const mod of modules) {
    for (const method of METHODS) {
      const meta = metaOf(mod[method]);
      if (!meta || meta.path.startsWith("/api/auth")) continue;
      const isPublic = typeof meta.access === "object" && !Array.isArray(meta.access);
      const perms: Permission[] =
        typeof meta.access === "string" && meta.access !== "authenticated" ? [meta.access] : Array.isArray(meta.access) ? [...meta.access] : [];
      const scope = perms.length ? [...new Set(perms.map((p) => PERMISSIONS[p]))].join(" or ") : undefined;
      (paths[meta.path] ??= {})[method.toLowerCase()] = {
        summary: meta.summary,
        tags: meta.tag ? [meta.tag] : undefined,
        description: isPublic ? "Public." : `Permission: \`${perms.join("` or `") || String(meta.access)}\`${scope ? ` (API key scope \`${scope}\`)` : ""}.`,
        security: isPublic ? [] : [{ bearer: [] }, { session: [] }],
        parameters: [...pathParameters(meta.path), ...queryParameters(meta)],
        requestBody: meta.body ? { required: true, content: { "application/json": { schema: jsonSchema(meta.body) } } } : undefined,
        responses: {
          "200": { description: "Success", content: { "application/json": {} } },
          "400": problem,
          "401": problem,
          "403": problem,
          "404": problem,
          "409": problem,
          "422": problem,
        },
      };
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Countersign API",
      version: "1.0.0",
      description: "Governance of the non-human identities AI workflows run as. Errors are RFC 9457 problem+json.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "API key (cs_…)" },
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
    paths,
  };
}
