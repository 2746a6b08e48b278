import crypto from "node:crypto";
import { inArray, sql } from "drizzle-orm";
import { db } from "@/db";
import { entitlements, policies } from "@/db/schema";
import { systemActor } from "@/lib/domain/actor";
import { recordAuditEvent } from "@/lib/domain/audit/record-audit-event";
import { lockGuardrails } from "./store";

type DefaultPolicy = { name: string; description: string; source: string; status: "active" | "draft" };

/**
 * The guardrails every deployment starts with. The first three are
 * context-free (they read only identity, data set, workflow and entitlement
 * facts), so their verdicts are stored per entitlement and cost nothing per
 * request. The fourth reads `context.hour`: it is the example of a
 * request-context policy, seeded as a draft because business hours are an
 * organisation's own choice — dry-run it against recent decisions, then
 * activate it.
 */
export const DEFAULT_POLICIES: readonly DefaultPolicy[] = [
  {
    name: "vendor-restricted-needs-exception",
    description:
      "Vendor-managed workflows may not touch restricted data unless an approved, unexpired exception covers the action (OWASP NHI3, NIST AI RMF GOVERN 6.1). Context-free.",
    status: "active",
    source: `// Third-party tooling reaches restricted data only through an explicit, expiring exception.
forbid (principal, action, resource)
when {
  context.workflow.vendorManaged &&
  resource.sensitivity == "restricted" &&
  !context.entitlement.coveredByException
};
`,
  },
  {
    name: "autonomous-changes-need-jit",
    description:
      "Autonomous workflows may write, delete or administer data only through a just-in-time entitlement (OWASP ASI03, NIST AI RMF GOVERN 3.2). Context-free: it reads whether the entitlement is JIT; the token itself is checked by the entitlement step.",
    status: "active",
    source: `// An agent acting without a human in the loop holds no standing write access.
forbid (
  principal,
  action in [Countersign::Action::"write", Countersign::Action::"delete", Countersign::Action::"admin"],
  resource
)
when {
  context.workflow.autonomy == "autonomous" &&
  !context.entitlement.jit
};
`,
  },
  {
    name: "non-prod-identity-no-prod-data",
    description: "An NHI of a staging or dev environment may not touch production data (OWASP NHI8 Environment Isolation). Context-free.",
    status: "active",
    source: `// Environment isolation: test identities never reach production data.
forbid (principal, action, resource)
when {
  principal.environment != "prod" &&
  resource.environment == "prod"
};
`,
  },
  {
    name: "restricted-changes-in-business-hours",
    description:
      "Changes (write, delete, admin) to restricted data are forbidden outside 06:00–20:00 UTC. Request-context: reads the hour of each request, so it is evaluated per request. Seeded as a draft example.",
    status: "draft",
    source: `// Off-hours changes to restricted data wait for the morning (hour is UTC, 0-23).
forbid (
  principal,
  action in [Countersign::Action::"write", Countersign::Action::"delete", Countersign::Action::"admin"],
  resource
)
when {
  resource.sensitivity == "restricted" &&
  (context.hour < 6 || context.hour >= 20)
};
`,
  },
];

/**
 * Creates each default policy that has never existed (by name), so it is safe
 * on every start and never resurrects a policy an owner archived or renamed
 * away from. Activating a default changes the active set, so stored verdicts
 * are dropped in the same transaction (decisions then evaluate inline until
 * the `guardrails.refresh` job stores fresh ones); on a new deployment there
 * are none to drop.
 */
export async function ensureDefaultPolicies(): Promise<{ created: string[] }> {
  const actor = systemActor("guardrails.defaults");
  return db.transaction(async (tx) => {
    await lockGuardrails(tx);
    const names = DEFAULT_POLICIES.map((p) => p.name);
    const existing = await tx.select({ name: policies.name }).from(policies).where(inArray(policies.name, names));
    const missing = DEFAULT_POLICIES.filter((p) => !existing.some((e) => e.name === p.name));
    if (missing.length === 0) return { created: [] };

    const now = new Date();
    const rows = await tx
      .insert(policies)
      .values(
        missing.map((p) => {
          const id = crypto.randomUUID();
          return { id, policyId: id, name: p.name, version: 1, description: p.description, source: p.source, status: p.status, activatedAt: p.status === "active" ? now : null };
        }),
      )
      .returning({ id: policies.id, name: policies.name, status: policies.status });
    if (rows.some((r) => r.status === "active")) {
      await tx.update(entitlements).set({ guardrailFacts: null, guardrailForbiddenBy: null, guardrailVerdictAt: now }).where(sql`${entitlements.guardrailFacts} is not null`);
    }
    for (const row of rows) {
      await recordAuditEvent(tx, actor, {
        action: "policy.created",
        targetType: "policy",
        targetId: row.id,
        reason: "default guardrail",
        after: { name: row.name, version: 1, status: row.status },
      });
    }
    return { created: rows.map((r) => r.name) };
  });
}

const holder = globalThis as { __csGuardrailDefaults?: Promise<void>; __csGuardrailDefaultsDone?: boolean };

/** Once per process, the first time guardrails are needed; a failure is retried by the next caller. */
export function ensureDefaultPoliciesOnce(): Promise<void> {
  holder.__csGuardrailDefaults ??= ensureDefaultPolicies().then(
    () => {
      holder.__csGuardrailDefaultsDone = true;
    },
    (error: unknown) => {
      holder.__csGuardrailDefaults = undefined;
      throw error;
    },
  );
  return holder.__csGuardrailDefaults;
}

/** Whether `ensureDefaultPoliciesOnce` has succeeded in this process (the decision path then need not wait on it). */
export function defaultPoliciesEnsured(): boolean {
  return holder.__csGuardrailDefaultsDone === true;
}
