"use client";

import * as React from "react";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { ListError } from "./form-section";
import { useFocusLater } from "./use-focus-later";
import { type Line, type PathErrors, type UserOption, move, newLine } from "./workflow-form-model";

export type EscalationPathFieldsProps = {
  steps: Line[];
  onChange: (steps: Line[], structural: boolean) => void;
  users: UserOption[];
  errors: PathErrors;
  disabled?: boolean;
};

/** Ordered people who decide when the business owner does not: asked first to last. */
export function EscalationPathFields({ steps, onChange, users, errors, disabled }: EscalationPathFieldsProps) {
  const focusLater = useFocusLater();
  // Delegates approve and decide on the business owner's behalf, which only the business owner role may do.
  const candidates = users.filter((u) => u.roles.includes("business_owner") || steps.some((s) => s.value === u.id));

  function add() {
    onChange([...steps, newLine()], true);
    focusLater(`wf-step-${steps.length}`);
  }

  function remove(index: number) {
    onChange(
      steps.filter((_, i) => i !== index),
      true,
    );
    focusLater("wf-step-add");
  }

  function shift(index: number, by: -1 | 1) {
    const to = index + by;
    onChange(move(steps, index, to), true);
    // Keep focus on the same arrow unless the step reached the end it was moving towards.
    const atEdge = (by === -1 && to === 0) || (by === 1 && to === steps.length - 1);
    focusLater(atEdge ? `wf-step-${to}` : `wf-step-${to}-${by === -1 ? "up" : "down"}`);
  }

  return (
    <div className="grid gap-4">
      {steps.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">
          No escalation path. Add business owners, in order, who decide approvals and overdue reviews when this workflow&apos;s
          business owner does not answer.
        </p>
      ) : (
        <ol className="grid gap-3">
          {steps.map((step, index) => {
            const n = index + 1;
            const id = `wf-step-${index}`;
            const taken = steps.filter((_, i) => i !== index).map((s) => s.value);
            return (
              <li key={step.key} className="flex flex-wrap items-start gap-2">
                <Field label={`Escalation step ${n}`} htmlFor={id} error={errors[`escalationPath.${index}`]} className="min-w-56 flex-1">
                  <Select
                    value={step.value}
                    onChange={(e) => onChange(steps.map((s, i) => (i === index ? { ...s, value: e.target.value } : s)), false)}
                    disabled={disabled}
                  >
                    <option value="">Choose a person</option>
                    {candidates.map((u) => (
                      <option key={u.id} value={u.id} disabled={u.inactive || taken.includes(u.id)}>
                        {u.name} ({u.email}){u.inactive ? ", deactivated: choose someone else" : ""}
                      </option>
                    ))}
                  </Select>
                </Field>
                <div className="flex items-center gap-1 sm:mt-5">
                  <Button
                    type="button"
                    id={`${id}-up`}
                    variant="ghost"
                    size="icon"
                    onClick={() => shift(index, -1)}
                    disabled={disabled || index === 0}
                  >
                    <ArrowUp aria-hidden="true" />
                    <span className="sr-only">Move step {n} up</span>
                  </Button>
                  <Button
                    type="button"
                    id={`${id}-down`}
                    variant="ghost"
                    size="icon"
                    onClick={() => shift(index, 1)}
                    disabled={disabled || index === steps.length - 1}
                  >
                    <ArrowDown aria-hidden="true" />
                    <span className="sr-only">Move step {n} down</span>
                  </Button>
                  <Button
                    type="button"
                    variant="ghost"
                    size="sm"
                    onClick={() => remove(index)}
                    disabled={disabled}
                    className="text-danger hover:bg-danger/10 hover:text-danger"
                  >
                    <Trash2 aria-hidden="true" />
                    Remove<span className="sr-only"> step {n}</span>
                  </Button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <ListError id="wf-step-error" messages={errors.escalationPath} />
      <div>
        <Button type="button" id="wf-step-add" variant="outline" onClick={add} disabled={disabled || steps.length >= 10}>
          <Plus aria-hidden="true" />
          Add step
        </Button>
      </div>
    </div>
  );
}
