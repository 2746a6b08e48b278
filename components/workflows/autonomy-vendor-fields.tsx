"use client";

import * as React from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { ListError } from "./form-section";
import { VendorObligations } from "./vendor-obligations";
import type { Autonomy, PathErrors } from "./workflow-form-model";

export const AUTONOMY_OPTIONS: readonly { value: Autonomy; label: string; hint: string }[] = [
  { value: "assistive", label: "Assistive", hint: "Proposes actions; a person approves each one before it happens." },
  { value: "automated", label: "Automated", hint: "Runs fixed steps on its own; people set the rules and watch the results." },
  {
    value: "autonomous",
    label: "Autonomous",
    hint: "Plans and acts without a person approving each step. Its identities become privileged, JIT tokens last at most 15 minutes and reviews are monthly.",
  },
];

export type AutonomyVendorFieldsProps = {
  autonomy: Autonomy;
  onAutonomyChange: (value: Autonomy) => void;
  vendorManaged: boolean;
  onVendorManagedChange: (value: boolean) => void;
  vendor: string;
  onVendorChange: (value: string) => void;
  errors: PathErrors;
  disabled?: boolean;
};

export function AutonomyVendorFields(props: AutonomyVendorFieldsProps) {
  const { autonomy, onAutonomyChange, vendorManaged, onVendorManagedChange, vendor, onVendorChange, errors, disabled } = props;
  const autonomyError = errors.autonomy?.length ? "wf-autonomy-error" : undefined;

  return (
    <>
      <fieldset
        role="radiogroup"
        aria-labelledby="wf-autonomy-legend"
        aria-describedby={autonomyError}
        disabled={disabled}
        className="grid gap-3"
      >
        <legend id="wf-autonomy-legend" className="mb-1 text-sm leading-none font-medium">
          Autonomy
        </legend>
        {AUTONOMY_OPTIONS.map((option) => {
          const id = `wf-autonomy-${option.value}`;
          return (
            <div key={option.value} className="flex items-start gap-2.5">
              <input
                type="radio"
                id={id}
                name="autonomy"
                value={option.value}
                checked={autonomy === option.value}
                onChange={() => onAutonomyChange(option.value)}
                aria-describedby={`${id}-hint`}
                className="mt-0.5 size-4 shrink-0 cursor-pointer accent-primary disabled:cursor-not-allowed"
              />
              <div className="grid gap-0.5">
                <label htmlFor={id} className="cursor-pointer text-sm leading-tight font-medium">
                  {option.label}
                </label>
                <p id={`${id}-hint`} className="text-xs text-muted-foreground">
                  {option.hint}
                </p>
              </div>
            </div>
          );
        })}
        <ListError id="wf-autonomy-error" messages={errors.autonomy} />
      </fieldset>

      <div className="flex items-start gap-2.5">
        <input
          type="checkbox"
          id="wf-vendor-managed"
          checked={vendorManaged}
          onChange={(e) => onVendorManagedChange(e.target.checked)}
          disabled={disabled}
          aria-describedby="wf-vendor-managed-hint"
          className="mt-0.5 size-4 shrink-0 cursor-pointer accent-primary disabled:cursor-not-allowed"
        />
        <div className="grid gap-0.5">
          <label htmlFor="wf-vendor-managed" className="cursor-pointer text-sm leading-tight font-medium">
            Vendor-managed tooling
          </label>
          <p id="wf-vendor-managed-hint" className="text-xs text-muted-foreground">
            The workflow runs on a third party&apos;s platform or agent, which holds credentials on your behalf.
          </p>
        </div>
      </div>

      {vendorManaged ? (
        <div className="grid gap-4 sm:pl-6.5">
          <Field label="Vendor name" htmlFor="wf-vendor" error={errors.vendor} required>
            <Input value={vendor} maxLength={120} autoComplete="off" onChange={(e) => onVendorChange(e.target.value)} disabled={disabled} />
          </Field>
          <VendorObligations vendor={vendor.trim() || null} />
        </div>
      ) : null}
    </>
  );
}
