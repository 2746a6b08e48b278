import * as React from "react";
import { FilterForm, humanize } from "@/components/lists/list-controls";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
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
  const choice = (key: IdentityFilterKey, label: string, any: string, options: { value: string; label: string }[]) => (
    <Field label={label} htmlFor={`identities-${key}`} error={fieldErrors[key]} className="w-full sm:w-44">
      <Select name={key} defaultValue={params[key] ?? ""}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <FilterForm label="Filter identities" pathname="/identities" active={active}>
      <Field label="Search" htmlFor="identities-q" error={fieldErrors.q} className="w-full sm:w-56">
        <Input type="search" name="q" defaultValue={params.q} placeholder="Name" />
      </Field>
      {choice("provider", "Provider", "Any provider", provider.options.map((p) => ({ value: p, label: PROVIDER_LABEL[p] })))}
      {choice("kind", "Kind", "Any kind", nhiKind.options.map((k) => ({ value: k, label: humanize(k) })))}
      {choice("status", "Status", "Any status", nhiStatus.options.map((s) => ({ value: s, label: humanize(s) })))}
      {choice("classification", "Classification", "Any classification", classification.options.map((c) => ({ value: c, label: humanize(c) })))}
      {choice("environment", "Environment", "Any environment", environment.options.map((e) => ({ value: e, label: e })))}
      {choice("ownerId", "Owner", "Any owner", owners.map((o) => ({ value: o.id, label: o.name })))}
      {choice("workflowId", "Workflow", "Any workflow", workflows.map((w) => ({ value: w.id, label: w.name })))}
      {choice("lastUsed", "Last used", "Any time", LAST_USED_FILTERS.map((l) => ({ value: l, label: LAST_USED_LABEL[l] })))}
    </FilterForm>
  );
}
