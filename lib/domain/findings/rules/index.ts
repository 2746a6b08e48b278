import type { Rule } from "../types";
import { accessOnInactiveWorkflow } from "./access-on-inactive-workflow";
import { autonomousWithoutGuardrails } from "./autonomous-without-guardrails";
import { credentialLongLived } from "./credential-long-lived";
import { credentialRotationOverdue } from "./credential-rotation-overdue";
import { entitlementExceedsApproval } from "./entitlement-exceeds-approval";
import { entitlementUnused } from "./entitlement-unused";
import { nhiHumanUse } from "./nhi-human-use";
import { nhiProdAndNonProd } from "./nhi-prod-and-nonprod";
import { nhiSharedAcrossWorkflows } from "./nhi-shared-across-workflows";
import { nhiWithoutWorkflow } from "./nhi-without-workflow";
import { orphanedNhi } from "./orphaned-nhi";
import { orphanedWorkflow } from "./orphaned-workflow";
import { reviewOverdue } from "./review-overdue";
import { revocationUnconfirmed } from "./revocation-unconfirmed";
import { staticKeyFederation } from "./static-key-federation";
import { vendorWorkflowExposure } from "./vendor-workflow-exposure";

/** Every rule, in the order the catalogue and the findings filter list them. */
export const RULES: readonly Rule[] = [
  orphanedNhi,
  orphanedWorkflow,
  accessOnInactiveWorkflow,
  revocationUnconfirmed,
  entitlementExceedsApproval,
  entitlementUnused,
  credentialLongLived,
  credentialRotationOverdue,
  staticKeyFederation,
  nhiProdAndNonProd,
  nhiSharedAcrossWorkflows,
  vendorWorkflowExposure,
  autonomousWithoutGuardrails,
  reviewOverdue,
  nhiHumanUse,
  nhiWithoutWorkflow,
];

export const RULE_IDS = RULES.map((r) => r.id);
const byId = new Map(RULES.map((r) => [r.id, r]));
export const ruleById = (id: string) => byId.get(id);
