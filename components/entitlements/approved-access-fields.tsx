"use client";

import * as React from "react";
import type { z } from "zod";
import { CheckboxGroup, type FieldErrors } from "@/components/forms/form-controls";
import { humanize } from "@/components/lists/list-controls";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { dataAction } from "@/lib/validation/workflows";
import type { RequestableState } from "./use-requestable-data-sets";

type Action = z.infer<typeof dataAction>;

export type ApprovedAccessFieldsProps = {
  state: RequestableState;
  dataSetId: string;
  actions: Action[];
  onDataSetChange: (dataSetId: string, approvedActions: Action[]) => void;
  onActionsChange: (actions: Action[]) => void;
  errors: FieldErrors;
  disabled?: boolean;
};

/** The data set (only the workflow's approved ones) and the actions, marked against what the approval allows. */
export function ApprovedAccessFields({ state, dataSetId, actions, onDataSetChange, onActionsChange, errors, disabled }: ApprovedAccessFieldsProps) {
  const dataSets = state.status === "ready" ? state.dataSets : [];
  const chosen = dataSets.find((d) => d.id === dataSetId);
  const approved = chosen?.actions ?? [];

  const hint =
    state.status === "idle"
      ? "Choose a workflow first: only the data sets it is approved for are offered."
      : state.status === "loading"
        ? "Loading the workflow's approved data sets…"
        : state.status === "error"
          ? undefined
          : dataSets.length === 0
            ? "This workflow has no approved data sets yet. Its business owner approves data sets on the workflow page."
            : chosen
              ? `Approved for ${chosen.actions.join(", ")}${chosen.viaException ? " (partly through an approved exception)" : ""}.`
              : "Only the data sets this workflow is approved for are offered.";

  const options = dataAction.options.map((value) => ({
    value,
    label: humanize(value),
    hint: chosen && !approved.includes(value) ? "Not approved for this workflow: the request will be refused" : undefined,
  }));

  return (
    <>
      <Field
        label="Data set"
        htmlFor="request-data-set"
        error={errors.dataSetId ?? (state.status === "error" ? `Could not load the approved data sets: ${state.message}` : undefined)}
        hint={hint}
        required
      >
        <Select
          value={dataSetId}
          onChange={(e) => onDataSetChange(e.target.value, dataSets.find((d) => d.id === e.target.value)?.actions ?? [])}
          disabled={disabled || state.status !== "ready" || dataSets.length === 0}
          aria-busy={state.status === "loading" || undefined}
        >
          <option value="">{state.status === "loading" ? "Loading…" : "Choose a data set"}</option>
          {dataSets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.sensitivity ? `${d.name} (${d.sensitivity})` : d.name}
              {` — ${d.actions.join(", ")}`}
            </option>
          ))}
        </Select>
      </Field>
      <CheckboxGroup
        id="request-actions"
        legend="Actions"
        options={options}
        value={actions}
        onChange={onActionsChange}
        error={errors.actions}
        disabled={disabled}
      />
    </>
  );
}
