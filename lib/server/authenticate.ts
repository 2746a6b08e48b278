import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import type { Actor } from "@/lib/domain/actor";
import { authenticateApiKey } from "@/lib/domain/api-keys/api-keys";
import { resolveSession } from "@/lib/domain/sessions/sessions";

/** The signed-in user of the current request (server components, server actions). */
export async function getSessionActor(requestId?: string): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  return session?.sid ? resolveSession(session.sid, requestId) : null;
}

export type RequestAuth = { actor: Actor | null; via: "api_key" | "session" | null };

/** API routes accept `Authorization: Bearer cs_…` or the browser session cookie. */
export async function authenticateRequest(request: Request, requestId: string): Promise<RequestAuth> {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    return { actor: match?.[1] ? await authenticateApiKey(match[1], requestId) : null, via: "api_key" };
  }
  // Without a session cookie there is nothing to look up (and no Next.js request scope is needed).
  if (!/(^|;\s*)(__Secure-)?next-auth\.session-token(\.\d+)?=/.test(request.headers.get("cookie") ?? "")) {
    return { actor: null, via: null };
  }
  return { actor: await getSessionActor(requestId), via: "session" };
}
