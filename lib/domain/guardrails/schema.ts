/**
 * The Cedar schema every guardrail policy is validated against on save.
 *
 * A guardrail runs AFTER the entitlement check, so the question it answers is
 * never "may this happen?" but "is there a reason to refuse what an
 * entitlement would allow?". Semantics: deny if any active policy forbids.
 * `permit` statements parse and validate but change nothing (an entitlement is
 * the only source of permission); Countersign evaluates every set with one
 * built-in `permit (principal, action, resource);` so Cedar's decision is
 * "deny" exactly when some `forbid` matched.
 *
 * Attribute values are strings rather than Cedar enums so policies read as
 * `resource.sensitivity == "restricted"`; the allowed values are the same
 * lists the database uses (db/schema/enums.ts).
 */
export const CEDAR_NAMESPACE = "Countersign";
export const NHI_TYPE = `${CEDAR_NAMESPACE}::Nhi`;
export const DATA_SET_TYPE = `${CEDAR_NAMESPACE}::DataSet`;
export const ACTION_TYPE = `${CEDAR_NAMESPACE}::Action`;

/**
 * Context attributes that describe the entitlement rather than the request:
 * a policy reading only these (and principal/resource attributes) is
 * "context-free", and its verdict can be computed ahead of time and stored on
 * the entitlement. Any other context attribute makes a policy "request-context":
 * evaluated on every request.
 */
export const CONTEXT_FREE_CONTEXT_ATTRIBUTES: readonly string[] = ["workflow", "entitlement"];
export const REQUEST_CONTEXT_ATTRIBUTES: readonly string[] = ["jitTokenPresented", "hour"];

export const GUARDRAIL_SCHEMA = `namespace ${CEDAR_NAMESPACE} {
  // The workload identity asking. classification: utility | privileged;
  // environment: prod | staging | dev; provider: aws | gcp | azure | kubernetes |
  // github | okta | openai | snowflake | custom; kind: service_account | api_key |
  // oauth_client | agent | bot | workload.
  entity Nhi = {
    classification: String,
    environment: String,
    provider: String,
    kind: String,
  };

  // sensitivity: public | internal | confidential | restricted; environment: prod | staging | dev.
  entity DataSet = {
    sensitivity: String,
    environment: String,
  };

  // The workflow of the entitlement that covers the request.
  // autonomy: assistive | automated | autonomous; status: draft | active | suspended | retired.
  type WorkflowFacts = {
    autonomy: String,
    vendorManaged: Bool,
    status: String,
  };

  // jit: the entitlement is just-in-time; coveredByException: an approved,
  // unexpired exception of the workflow covers this action on this data set.
  type EntitlementFacts = {
    jit: Bool,
    coveredByException: Bool,
  };

  type RequestContext = {
    workflow: WorkflowFacts,
    entitlement: EntitlementFacts,
    // Request context (evaluated per request): a verified JIT token for the
    // entitlement came with this request, and the hour of the decision (0-23, UTC).
    jitTokenPresented: Bool,
    hour: Long,
  };

  action "read", "write", "delete", "admin" appliesTo {
    principal: [Nhi],
    resource: [DataSet],
    context: RequestContext,
  };
}
`;
