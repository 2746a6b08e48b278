"use client";

import * as React from "react";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ListError } from "./form-section";
import { useFocusLater } from "./use-focus-later";
import { type Line, type PathErrors, newLine } from "./workflow-form-model";

export type ExceptionConditionsFieldsProps = {
  lines: Line[];
  onChange: (lines: Line[], structural: boolean) => void;
  errors: PathErrors;
  disabled?: boolean;
};

/** When access outside the approval may be asked for; each exception still needs the business owner's yes. */
export function ExceptionConditionsFields({ lines, onChange, errors, disabled }: ExceptionConditionsFieldsProps) {
  const focusLater = useFocusLater();

  function add() {
    onChange([...lines, newLine()], true);
    focusLater(`wf-cond-${lines.length}`);
  }

  function remove(index: number) {
    onChange(
      lines.filter((_, i) => i !== index),
      true,
    );
    focusLater("wf-cond-add");
  }

  return (
    <div className="grid gap-4">
      {lines.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">
          No exception conditions: any access outside the approved data sets is refused. Add a condition to describe when an
          exception may be requested.
        </p>
      ) : (
        <ol className="grid gap-3">
          {lines.map((line, index) => {
            const n = index + 1;
            const id = `wf-cond-${index}`;
            return (
              <li key={line.key} className="flex flex-wrap items-start gap-2">
                <Field label={`Condition ${n}`} htmlFor={id} error={errors[`exceptionConditions.${index}`]} className="min-w-56 flex-1">
                  <Input
                    value={line.value}
                    maxLength={500}
                    placeholder="e.g. Quarter-end close may need write on the ledger for 48 hours"
                    onChange={(e) => onChange(lines.map((l, i) => (i === index ? { ...l, value: e.target.value } : l)), false)}
                    disabled={disabled}
                  />
                </Field>
                <Button
                  type="button"
                  variant="ghost"
                  size="sm"
                  onClick={() => remove(index)}
                  disabled={disabled}
                  className="text-danger hover:bg-danger/10 hover:text-danger sm:mt-5.5"
                >
                  <Trash2 aria-hidden="true" />
                  Remove<span className="sr-only"> condition {n}</span>
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      <ListError id="wf-cond-error" messages={errors.exceptionConditions} />
      <div>
        <Button type="button" id="wf-cond-add" variant="outline" onClick={add} disabled={disabled || lines.length >= 20}>
          <Plus aria-hidden="true" />
          Add condition
        </Button>
      </div>
    </div>
  );
}
