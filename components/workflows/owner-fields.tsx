"use client";

import * as React from "react";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { PathErrors, UserOption } from "./workflow-form-model";

export type OwnerFieldsProps = {
  businessOwner: string;
  /** Shown when the business owner cannot change here (it moves by transfer). */
  businessOwnerHint: string;
  identityOwnerId: string;
  /** The saved identity owner when they are no longer an active identity owner, so the select still shows them. */
  formerIdentityOwner?: { id: string; name: string } | null;
  onIdentityOwnerChange: (id: string) => void;
  users: UserOption[];
  errors: PathErrors;
  disabled?: boolean;
};

export function OwnerFields({
  businessOwner,
  businessOwnerHint,
  identityOwnerId,
  formerIdentityOwner,
  onIdentityOwnerChange,
  users,
  errors,
  disabled,
}: OwnerFieldsProps) {
  const identityOwners = users.filter((u) => u.roles.includes("identity_owner"));
  const former = formerIdentityOwner && !identityOwners.some((u) => u.id === formerIdentityOwner.id) ? formerIdentityOwner : null;

  return (
    <>
      <Field label="Business owner" htmlFor="wf-business-owner" hint={businessOwnerHint}>
        <Input readOnly value={businessOwner} />
      </Field>
      <Field
        label="Identity owner"
        htmlFor="wf-identity-owner"
        error={errors.identityOwnerId}
        hint="Designs the entitlements, sets the review cadence and can revoke. Both owners are required to activate."
      >
        <Select value={identityOwnerId} onChange={(e) => onIdentityOwnerChange(e.target.value)} disabled={disabled}>
          <option value="">Not named yet</option>
          {former ? (
            <option value={former.id} disabled>
              {former.name} (no longer an active identity owner)
            </option>
          ) : null}
          {identityOwners.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.email})
            </option>
          ))}
        </Select>
      </Field>
      {identityOwners.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nobody holds the identity owner role yet. Ask an admin to give it to someone.</p>
      ) : null}
    </>
  );
}

export type CadenceFieldProps = { value: string; onChange: (v: string) => void; errors: PathErrors; disabled?: boolean };

export function CadenceField({ value, onChange, errors, disabled }: CadenceFieldProps) {
  return (
    <Field
      label="Review cadence (days)"
      htmlFor="wf-cadence"
      error={errors.reviewCadenceDays}
      hint="Leave empty to derive from risk (30/90/180 days). A set cadence can only make reviews more frequent than the risk demands."
      className="max-w-xs"
    >
      <Input
        type="number"
        inputMode="numeric"
        min={7}
        max={365}
        step={1}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
      />
    </Field>
  );
}
