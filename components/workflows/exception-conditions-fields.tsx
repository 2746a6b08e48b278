"use client";

import * as React from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { LineListFields } from "./line-list-fields";
import type { Line, PathErrors } from "./workflow-form-model";

export type ExceptionConditionsFieldsProps = {
  lines: Line[];
  onChange: (lines: Line[], structural: boolean) => void;
  errors: PathErrors;
  disabled?: boolean;
};

/** When access outside the approval may be asked for; each exception still needs the business owner's yes. */
export function ExceptionConditionsFields({ lines, onChange, errors, disabled }: ExceptionConditionsFieldsProps) {
  return (
    <LineListFields
      lines={lines}
      onChange={onChange}
      idPrefix="wf-cond"
      noun="condition"
      addLabel="Add condition"
      max={20}
      empty="No exception conditions: any access outside the approved data sets is refused. Add a condition to describe when an exception may be requested."
      error={errors.exceptionConditions}
      disabled={disabled}
      renderField={(line, index, id, setValue) => (
        <Field label={`Condition ${index + 1}`} htmlFor={id} error={errors[`exceptionConditions.${index}`]} className="min-w-56 flex-1">
          <Input
            value={line.value}
            maxLength={500}
            placeholder="e.g. Quarter-end close may need write on the ledger for 48 hours"
            onChange={(e) => setValue(e.target.value)}
            disabled={disabled}
          />
        </Field>
      )}
    />
  );
}
