import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTE_MODULES } from "@/app/api/v1/route-index";
import { PERMISSIONS, PERMISSION_NAMES, ROLE_PERMISSIONS } from "@/lib/auth/permissions";
import { metaOf } from "@/lib/server/route-meta";

const ROOT = path.resolve(import.meta.dirname, "..");
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

function findFiles(dir: string, suffix: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return findFiles(rel, suffix);
    return entry.name === suffix || entry.name.endsWith(`-${suffix}`) ? [rel] : [];
  });
}

/** app/api/v1/users/[id]/route.ts → /api/v1/users/{id} (route groups dropped). */
function urlPathOf(file: string): string {
  return (
    "/" +
    path
      .dirname(file)
      .split(path.sep)
      .slice(1)
      .filter((s) => !/^\(.*\)$/.test(s))
      .map((s) => (/^\[\.\.\..+\]$/.test(s) ? s : s.replace(/^\[(.+)\]$/, "{$1}")))
      .join("/")
  );
}

function expectWellFormedAccess(where: string, access: unknown) {
  if (Array.isArray(access)) {
    expect(access.length).toBeGreaterThan(0);
    for (const p of access) expect(PERMISSION_NAMES, `${where}: unknown permission ${p}`).toContain(p);
    return;
  }
  if (typeof access === "object" && access && "public" in access) {
    expect((access as { public: string }).public.length, `${where}: public access needs a reason`).toBeGreaterThan(10);
    return;
  }
  expect(access === "authenticated" || PERMISSION_NAMES.includes(access as never), `${where}: unknown permission ${String(access)}`).toBe(
    true,
  );
}

describe("[PERMISSIONS] every entry point is wrapped and names a permission", () => {
  const routeFiles = [...findFiles("app", "route.ts")];

  it("lists every route file in the API route index", () => {
    expect(routeFiles.length).toBeGreaterThan(5);
    const indexed = new Set(Object.keys(API_ROUTE_MODULES));
    const missing = routeFiles.filter((f) => !indexed.has(f) && !f.includes("[...nextauth]") && !f.includes("openapi.json"));
    expect(missing, "route files missing from app/api/v1/route-index.ts").toEqual([]);
  });

  for (const file of routeFiles) {
    it(`${file}: every HTTP method is wrapped with its own path and a permission`, async () => {
      const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      const methods = HTTP_METHODS.filter((m) => m in mod);
      expect(methods.length, `${file} exports no handler`).toBeGreaterThan(0);
      for (const method of methods) {
        const meta = metaOf(mod[method]);
        expect(meta, `${file} ${method} is not wrapped with route()`).toBeDefined();
        expect(meta!.path).toBe(urlPathOf(file));
        expectWellFormedAccess(`${file} ${method}`, meta!.access);
      }
    });
  }

  for (const file of findFiles("app", "actions.ts")) {
    it(`${file}: every server action is wrapped with action() and a permission`, async () => {
      const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
      const exported = Object.entries(mod).filter(([, v]) => typeof v === "function");
      expect(exported.length).toBeGreaterThan(0);
      for (const [name, fn] of exported) {
        const meta = metaOf(fn);
        expect(meta, `${file} ${name} is not wrapped with action()`).toBeDefined();
        expectWellFormedAccess(`${file} ${name}`, meta!.access);
        expect(typeof meta!.access, `${file} ${name}: server actions are never public`).toBe("string");
      }
    });
  }

  it("maps every role to known permissions and every permission to an API-key scope", () => {
    for (const perms of Object.values(ROLE_PERMISSIONS)) for (const p of perms) expect(PERMISSION_NAMES).toContain(p);
    for (const p of PERMISSION_NAMES) expect(["read", "write", "authorize", "import", "admin"]).toContain(PERMISSIONS[p]);
  });

  it("keeps auditors read-only", () => {
    expect(ROLE_PERMISSIONS.auditor.every((p) => PERMISSIONS[p] === "read")).toBe(true);
  });
});
