"use server";

import { revalidatePath } from "next/cache";
import { dryRunPolicyVersion } from "@/lib/domain/guardrails/dry-run";
import { activatePolicyVersion, createPolicy, createPolicyVersion } from "@/lib/domain/guardrails/manage-policies";
import { action } from "@/lib/server/action";
import { uuid } from "@/lib/validation/common";
import { activatePolicyVersionInput, createPolicyInput, createPolicyVersionInput, dryRunPolicyVersionInput } from "@/lib/validation/policies";

const POLICIES_PATH = "/policies";

export const createPolicyAction = action("policies.create", "policies.manage", createPolicyInput, async (actor, input) => {
  const policy = await createPolicy(actor, input);
  revalidatePath(POLICIES_PATH);
  return { id: policy.id, version: policy.latestVersion };
});

/** Saving is always a new draft version: the page then offers its dry run and activation. */
export const createPolicyVersionAction = action(
  "policies.create_version",
  "policies.manage",
  createPolicyVersionInput.extend({ policyId: uuid }),
  async (actor, { policyId, ...input }) => {
    const policy = await createPolicyVersion(actor, policyId, input);
    revalidatePath(POLICIES_PATH);
    revalidatePath(`${POLICIES_PATH}/${policyId}`);
    return { id: policy.id, version: policy.latestVersion };
  },
);

export const dryRunPolicyVersionAction = action(
  "policies.dry_run",
  "policies.manage",
  dryRunPolicyVersionInput.extend({ versionId: uuid }),
  async (actor, { versionId, ...input }) => dryRunPolicyVersion(actor, versionId, input),
);

export const activatePolicyVersionAction = action(
  "policies.activate_version",
  "policies.manage",
  activatePolicyVersionInput.extend({ versionId: uuid }),
  async (actor, { versionId, ...input }) => {
    const result = await activatePolicyVersion(actor, versionId, input);
    revalidatePath(POLICIES_PATH);
    revalidatePath(`${POLICIES_PATH}/${result.policy.id}`);
    return { activated: result.activated, archivedVersion: result.archivedVersion, verdictsChanged: result.verdicts?.changed ?? 0 };
  },
);
