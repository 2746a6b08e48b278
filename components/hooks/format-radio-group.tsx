"use client";

import { ErrorMessages } from "@/components/ui/field";
import { FORMAT_LABEL, type HookFormat } from "./hook-meta";

const FORMAT_HINTS: Record<HookFormat, string> = {
  "standard-webhooks": "A JSON POST signed with HMAC-SHA256 under a whsec_ secret you are given once. Most receivers.",
  "caep-set": "An OpenID Shared Signals Security Event Token signed with our ES256 key, for receivers that speak CAEP.",
};

const FORMATS = Object.keys(FORMAT_LABEL) as HookFormat[];

export type FormatRadioGroupProps = {
  id: string;
  value: HookFormat;
  onChange: (next: HookFormat) => void;
  error?: string[];
  disabled?: boolean;
};

export function FormatRadioGroup({ id, value, onChange, error, disabled }: FormatRadioGroupProps) {
  const errors = error?.filter(Boolean) ?? [];
  const errorId = errors.length ? `${id}-error` : undefined;
  return (
    <fieldset className="grid gap-2" disabled={disabled} aria-describedby={errorId}>
      <legend className="mb-1 text-sm leading-none font-medium text-foreground">Format</legend>
      {FORMATS.map((format) => {
        const radioId = `${id}-${format}`;
        return (
          <div key={format} className="flex items-start gap-2.5">
            <input
              type="radio"
              id={radioId}
              name={id}
              value={format}
              checked={value === format}
              onChange={() => onChange(format)}
              aria-describedby={`${radioId}-hint`}
              className="mt-0.5 size-4 shrink-0 cursor-pointer accent-primary disabled:cursor-not-allowed"
            />
            <div className="grid gap-0.5">
              <label htmlFor={radioId} className="cursor-pointer text-sm leading-tight font-medium">
                {FORMAT_LABEL[format]}
              </label>
              <p id={`${radioId}-hint`} className="text-xs text-muted-foreground">
                {FORMAT_HINTS[format]}
              </p>
            </div>
          </div>
        );
      })}
      {errorId ? <ErrorMessages id={errorId} messages={errors} /> : null}
    </fieldset>
  );
}
