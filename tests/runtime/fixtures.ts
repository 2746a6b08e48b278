import crypto from "node:crypto";
import { db } from "@/db";
import { createEntitlement } from "@/db/seed/factories";
import { userActor } from "@/lib/domain/actor";
import { evaluateAccess } from "@/lib/domain/runtime/evaluate";
import type { EvaluationRequest } from "@/lib/validation/authzen";

/** The policy enforcement point asking: an API key of scope `authorize`. */
export const pep = userActor({ id: crypto.randomUUID(), email: "pep@example.test", roles: ["identity_owner"] }, { scopes: ["authorize"], apiKeyId: crypto.randomUUID() });

export type Ask = { subject?: string; subjectType?: string; action?: string; resource?: string; resourceType?: string; workflow?: string; token?: string };

export function ask(a: Ask) {
  const request: EvaluationRequest = {
    subject: { type: a.subjectType ?? "nhi", id: a.subject ?? crypto.randomUUID() },
    action: { name: a.action ?? "read" },
    resource: { type: a.resourceType ?? "data_set", id: a.resource ?? crypto.randomUUID() },
    context: a.workflow || a.token ? { workflow: a.workflow, token: a.token } : undefined,
  };
  return evaluateAccess(request, pep);
}

/** An active grant (read unless told otherwise); its `ask` defaults to exactly that question. */
export async function grant(overrides: Parameters<typeof createEntitlement>[1] = {}) {
  const e = await createEntitlement(db, overrides);
  return { e, ask: (a: Ask = {}) => ask({ subject: e.nhiId, resource: e.dataSetId, ...a }) };
}

/** "allow", or the deny reason code. */
export const code = (d: Awaited<ReturnType<typeof evaluateAccess>>) => (d.decision ? "allow" : d.reason!.code);
