import { ZodError } from "zod";
import { AppError, type FieldError, isAppError } from "@/lib/errors";

const TITLES: Record<number, string> = {
  400: "Bad request",
  401: "Authentication required",
  403: "Forbidden",
  404: "Not found",
  409: "Conflict",
  410: "Gone",
  422: "Invalid input",
  429: "Too many requests",
  500: "Internal error",
};

export function zodFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(body)", message: i.message }));
}

/** Any thrown value → RFC 9457 problem details. Unknown errors never leak their message. */
export function toProblem(error: unknown): { status: number; detail: string; errors?: FieldError[] } {
  if (isAppError(error)) {
    return { status: error.status, detail: error.message, errors: error.fieldErrors.length ? error.fieldErrors : undefined };
  }
  if (error instanceof ZodError) {
    const errors = zodFieldErrors(error);
    return { status: 422, detail: errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors };
  }
  if (error && typeof error === "object" && "invalidCursor" in error) {
    return { status: 422, detail: "cursor: is not a valid cursor", errors: [{ path: "cursor", message: "is not a valid cursor" }] };
  }
  return { status: 500, detail: "An unexpected error occurred. It has been logged." };
}

export function problemResponse(error: unknown, requestId: string, headers: HeadersInit = {}): Response {
  const p = toProblem(error);
  if (p.status === 500) console.error(`[request ${requestId}]`, error instanceof Error ? error.stack : error);
  const body = {
    type: `https://countersign.dev/problems/${p.status}`,
    title: TITLES[p.status] ?? "Error",
    status: p.status,
    detail: p.detail,
    ...(p.errors ? { errors: p.errors } : {}),
    requestId,
  };
  const extra: Record<string, string> = p.status === 401 ? { "www-authenticate": 'Bearer realm="countersign"' } : {};
  return new Response(JSON.stringify(body), {
    status: p.status,
    headers: { "content-type": "application/problem+json", "x-request-id": requestId, ...extra, ...headers },
  });
}

export const unauthenticated = () => new AppError("unauthenticated", "Sign in or send an API key (Authorization: Bearer cs_…)");
