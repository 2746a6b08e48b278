"use client";

import * as React from "react";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { CheckboxGroup } from "@/components/forms/form-controls";
import { dataAction } from "@/lib/validation/workflows";
import { ListError } from "./form-section";
import { useFocusLater } from "./use-focus-later";
import {
  type ApprovedRow,
  type DataAction,
  type DataSetOption,
  type PathErrors,
  dataSetLabel,
  newApprovedRow,
} from "./workflow-form-model";

const ACTION_OPTIONS = dataAction.options.map((value) => ({ value, label: value }));

export type ApprovedDataSetsFieldsProps = {
  rows: ApprovedRow[];
  onChange: (rows: ApprovedRow[], structural: boolean) => void;
  options: DataSetOption[];
  errors: PathErrors;
  disabled?: boolean;
};

/** The approval itself: which data sets the task may touch, with which actions, and why. */
export function ApprovedDataSetsFields({ rows, onChange, options, errors, disabled }: ApprovedDataSetsFieldsProps) {
  const focusLater = useFocusLater();
  const update = (index: number, patch: Partial<ApprovedRow>) =>
    onChange(
      rows.map((row, i) => (i === index ? { ...row, ...patch } : row)),
      false,
    );

  function add() {
    onChange([...rows, newApprovedRow()], true);
    focusLater(`wf-ds-${rows.length}`);
  }

  function remove(index: number) {
    onChange(
      rows.filter((_, i) => i !== index),
      true,
    );
    focusLater("wf-ds-add");
  }

  return (
    <div className="grid gap-4">
      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">
          No data sets yet. Add each data set the task needs with only the actions it needs; a workflow needs at least one to be
          activated.
        </p>
      ) : (
        <ol className="grid gap-3">
          {rows.map((row, index) => (
            <ApprovedDataSetRow
              key={row.key}
              index={index}
              row={row}
              options={options}
              takenIds={rows.filter((_, i) => i !== index).map((r) => r.dataSetId)}
              errors={errors}
              disabled={disabled}
              onChange={(patch) => update(index, patch)}
              onRemove={() => remove(index)}
            />
          ))}
        </ol>
      )}
      <ListError id="wf-ds-error" messages={errors.dataSets} />
      <div>
        <Button type="button" id="wf-ds-add" variant="outline" onClick={add} disabled={disabled}>
          <Plus aria-hidden="true" />
          Add data set
        </Button>
      </div>
    </div>
  );
}

type RowProps = {
  index: number;
  row: ApprovedRow;
  options: DataSetOption[];
  takenIds: string[];
  errors: PathErrors;
  disabled?: boolean;
  onChange: (patch: Partial<ApprovedRow>) => void;
  onRemove: () => void;
};

function ApprovedDataSetRow({ index, row, options, takenIds, errors, disabled, onChange, onRemove }: RowProps) {
  const n = index + 1;
  const id = `wf-ds-${index}`;
  const path = `dataSets.${index}`;
  const selected = options.find((o) => o.id === row.dataSetId);

  return (
    <li className="grid gap-4 rounded-lg border border-border bg-card p-4">
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
        <Field label={`Data set ${n}`} htmlFor={id} error={errors[`${path}.dataSetId`]} required>
          <Select value={row.dataSetId} onChange={(e) => onChange({ dataSetId: e.target.value })} disabled={disabled}>
            <option value="">Choose a data set</option>
            {options.map((o) => (
              <option key={o.id} value={o.id} disabled={takenIds.includes(o.id)}>
                {dataSetLabel(o)}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          type="button"
          variant="ghost"
          size="sm"
          onClick={onRemove}
          disabled={disabled}
          className="text-danger hover:bg-danger/10 hover:text-danger sm:mt-5.5"
        >
          <Trash2 aria-hidden="true" />
          Remove<span className="sr-only"> data set {n}</span>
        </Button>
      </div>
      {selected ? <p className="-mt-2 text-xs text-muted-foreground">System: {selected.system}</p> : null}
      <CheckboxGroup<DataAction>
        id={`${id}-actions`}
        legend={`Actions for data set ${n}`}
        options={ACTION_OPTIONS}
        value={row.actions}
        onChange={(actions) => onChange({ actions })}
        error={errors[`${path}.actions`]}
        disabled={disabled}
        className="grid-cols-2 sm:grid-cols-4 [&>[id$='-error']]:col-span-full"
        labelClassName="font-mono"
      />
      <Field
        label={`Justification ${n}`}
        htmlFor={`${id}-justification`}
        error={errors[`${path}.justification`]}
        hint="Why the task needs this data with these actions."
        required
      >
        <Textarea
          rows={2}
          maxLength={1000}
          value={row.justification}
          onChange={(e) => onChange({ justification: e.target.value })}
          disabled={disabled}
        />
      </Field>
    </li>
  );
}
