import * as React from "react";
import { FilterForm } from "@/components/lists/list-controls";
import { filterChoices } from "@/components/lists/list-page";
import { FINDING_TARGET_TYPES } from "@/lib/validation/findings";

export const FINDING_FILTER_KEYS = ["ruleId", "severity", "framework", "ownerId", "status", "targetType"] as const;
export type FindingFilterKey = (typeof FINDING_FILTER_KEYS)[number];

type Option = { value: string; label: string };

export type FindingFiltersProps = {
  params: Partial<Record<FindingFilterKey, string>>;
  fieldErrors: Record<string, string[]>;
  rules: Option[];
  frameworks: Option[];
  owners: Option[];
};

const TARGET_LABEL: Record<(typeof FINDING_TARGET_TYPES)[number], string> = {
  nhi: "Identity",
  workflow: "Workflow",
  entitlement: "Entitlement",
  credential: "Credential",
  revocation: "Revocation",
};

/** A GET form: every filtered view of the findings is a shareable URL (the frameworks page links into it). */
export function FindingFilters({ params, fieldErrors, rules, frameworks, owners }: FindingFiltersProps) {
  // No status in the URL means "open" on this page, so "open" alone is not an active filter.
  const active = FINDING_FILTER_KEYS.some((key) => Boolean(params[key]) && !(key === "status" && params[key] === "open"));
  const choice = filterChoices("findings", params.status === "open" ? { ...params, status: undefined } : params, fieldErrors);
  return (
    <FilterForm label="Filter findings" pathname="/findings" active={active}>
      {choice("ruleId", "Rule", "Any rule", rules, { width: "sm:w-64" })}
      {choice("severity", "Severity", "Any severity", [
        { value: "critical", label: "Critical" },
        { value: "high", label: "High" },
        { value: "medium", label: "Medium" },
        { value: "low", label: "Low" },
      ])}
      {choice("framework", "Framework item", "Any framework item", frameworks, { width: "sm:w-64" })}
      {choice("ownerId", "Owner", "Any owner", [{ value: "none", label: "No owner" }, ...owners])}
      {choice("status", "Status", "Open", [
        { value: "accepted", label: "Risk accepted" },
        { value: "resolved", label: "Resolved" },
        { value: "all", label: "Any status" },
      ])}
      {choice("targetType", "Target", "Any target", FINDING_TARGET_TYPES.map((t) => ({ value: t, label: TARGET_LABEL[t] })))}
    </FilterForm>
  );
}
