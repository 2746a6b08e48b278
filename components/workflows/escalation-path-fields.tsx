"use client";

import * as React from "react";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { LineListFields } from "./line-list-fields";
import type { Line, PathErrors, UserOption } from "./workflow-form-model";

export type EscalationPathFieldsProps = {
  steps: Line[];
  onChange: (steps: Line[], structural: boolean) => void;
  users: UserOption[];
  errors: PathErrors;
  disabled?: boolean;
};

/** Ordered people who decide when the business owner does not: asked first to last. */
export function EscalationPathFields({ steps, onChange, users, errors, disabled }: EscalationPathFieldsProps) {
  // Delegates approve and decide on the business owner's behalf, which only the business owner role may do.
  const candidates = users.filter((u) => u.roles.includes("business_owner") || steps.some((s) => s.value === u.id));

  return (
    <LineListFields
      lines={steps}
      onChange={onChange}
      idPrefix="wf-step"
      noun="step"
      addLabel="Add step"
      max={10}
      empty="No escalation path. Add business owners, in order, who decide approvals and overdue reviews when this workflow's business owner does not answer."
      error={errors.escalationPath}
      disabled={disabled}
      reorderable
      renderField={(step, index, id, setValue) => {
        const taken = steps.filter((_, i) => i !== index).map((s) => s.value);
        return (
          <Field label={`Escalation step ${index + 1}`} htmlFor={id} error={errors[`escalationPath.${index}`]} className="min-w-56 flex-1">
            <Select value={step.value} onChange={(e) => setValue(e.target.value)} disabled={disabled}>
              <option value="">Choose a person</option>
              {candidates.map((u) => (
                <option key={u.id} value={u.id} disabled={u.inactive || taken.includes(u.id)}>
                  {u.name} ({u.email}){u.inactive ? ", deactivated: choose someone else" : ""}
                </option>
              ))}
            </Select>
          </Field>
        );
      }}
    />
  );
}
