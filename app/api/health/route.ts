import { sql } from "drizzle-orm";
import { db } from "@/db";
import { route } from "@/lib/server/route";

export const dynamic = "force-dynamic";

export const GET = route(
  { path: "/api/health", summary: "Liveness and database reachability", access: { public: "load balancers probe without credentials" } },
  async () => {
    try {
      await db.execute(sql`select 1`);
      return { status: "ok", db: "ok" };
    } catch {
      return Response.json({ status: "degraded", db: "unreachable" }, { status: 503 });
    }
  },
);
