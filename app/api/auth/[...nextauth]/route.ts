import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { ROUTE_META, type RouteMeta } from "@/lib/server/route-meta";

const meta: RouteMeta = {
  path: "/api/auth/[...nextauth]",
  summary: "next-auth sign-in, callback and sign-out endpoints",
  access: { public: "signing in is how a caller becomes authenticated" },
};

// Built per request so the environment is read at run time, not at build time.
async function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(authOptions())(request, context);
}

export const GET = Object.assign(handler, { [ROUTE_META]: meta });
export const POST = GET;
