import * as React from "react";
import { FilterForm, humanize } from "@/components/lists/list-controls";
import { filterChoices, optionsOf } from "@/components/lists/list-page";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { environment } from "@/lib/validation/data-sets";
import { LAST_USED_FILTERS, classification, nhiKind, nhiStatus, provider } from "@/lib/validation/identities";
import { PROVIDER_LABEL } from "./identity-badges";

export const IDENTITY_FILTER_KEYS = [
  "q",
  "provider",
  "status",
  "kind",
  "classification",
  "environment",
  "ownerId",
  "workflowId",
  "lastUsed",
] as const;
export type IdentityFilterKey = (typeof IDENTITY_FILTER_KEYS)[number];

const LAST_USED_LABEL: Record<(typeof LAST_USED_FILTERS)[number], string> = {
  never: "Never used",
  "7d": "In the last 7 days",
  "30d": "In the last 30 days",
  "90d+": "Idle 90 days or more",
};

type Option = { id: string; name: string };

export type IdentityFiltersProps = {
  params: Partial<Record<IdentityFilterKey, string>>;
  fieldErrors: Record<string, string[]>;
  owners: Option[];
  workflows: Option[];
};

/** A GET form, so every filtered view of the inventory is a shareable URL. */
export function IdentityFilters({ params, fieldErrors, owners, workflows }: IdentityFiltersProps) {
  const active = IDENTITY_FILTER_KEYS.some((key) => Boolean(params[key]));
  const choice = filterChoices("identities", params, fieldErrors);

  return (
    <FilterForm label="Filter identities" pathname="/identities" active={active}>
      <Field label="Search" htmlFor="identities-q" error={fieldErrors.q} className="w-full sm:w-56">
        <Input type="search" name="q" defaultValue={params.q} placeholder="Name" />
      </Field>
      {choice("provider", "Provider", "Any provider", provider.options.map((p) => ({ value: p, label: PROVIDER_LABEL[p] })))}
      {choice("kind", "Kind", "Any kind", optionsOf(nhiKind.options, humanize))}
      {choice("status", "Status", "Any status", optionsOf(nhiStatus.options, humanize))}
      {choice("classification", "Classification", "Any classification", optionsOf(classification.options, humanize))}
      {choice("environment", "Environment", "Any environment", optionsOf(environment.options))}
      {choice("ownerId", "Owner", "Any owner", owners.map((o) => ({ value: o.id, label: o.name })))}
      {choice("workflowId", "Workflow", "Any workflow", workflows.map((w) => ({ value: w.id, label: w.name })))}
      {choice("lastUsed", "Last used", "Any time", LAST_USED_FILTERS.map((l) => ({ value: l, label: LAST_USED_LABEL[l] })))}
    </FilterForm>
  );
}
