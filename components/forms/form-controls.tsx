"use client";

import * as React from "react";
import type { z } from "zod";
import { cn } from "@/lib/utils";
import { ErrorMessages } from "@/components/ui/field";

export type FieldErrors = Record<string, string[]>;

export type CheckboxOption<T extends string> = { value: T; label: React.ReactNode; hint?: React.ReactNode };

export type CheckboxGroupProps<T extends string> = {
  /** Prefix for the ids of the checkboxes, their hints and the error. */
  id: string;
  legend: React.ReactNode;
  options: readonly CheckboxOption<T>[];
  value: readonly T[];
  onChange: (next: T[]) => void;
  error?: string[] | null;
  disabled?: boolean;
  className?: string;
  labelClassName?: string;
};

/**
 * A fieldset of native checkboxes; the value keeps the options' order so
 * submissions compare equal however the boxes were ticked.
 */
export function CheckboxGroup<T extends string>({
  id,
  legend,
  options,
  value,
  onChange,
  error,
  disabled,
  className,
  labelClassName,
}: CheckboxGroupProps<T>) {
  const errors = error?.filter(Boolean) ?? [];
  const errorId = errors.length ? `${id}-error` : undefined;

  function toggle(option: T, checked: boolean) {
    const next = new Set(value);
    if (checked) next.add(option);
    else next.delete(option);
    onChange(options.map((o) => o.value).filter((v) => next.has(v)));
  }

  return (
    <fieldset className={cn("grid gap-2", className)} aria-describedby={errorId} disabled={disabled}>
      <legend className="mb-1 text-sm leading-none font-medium text-foreground">{legend}</legend>
      {options.map((option) => {
        const boxId = `${id}-${option.value}`;
        const hintId = option.hint ? `${boxId}-hint` : undefined;
        return (
          <div key={option.value} className="flex items-start gap-2.5">
            <input
              type="checkbox"
              id={boxId}
              checked={value.includes(option.value)}
              onChange={(e) => toggle(option.value, e.target.checked)}
              aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
              aria-invalid={errors.length ? true : undefined}
              className="mt-0.5 size-4 shrink-0 cursor-pointer accent-primary disabled:cursor-not-allowed"
            />
            <div className="grid gap-0.5">
              <label htmlFor={boxId} className={cn("cursor-pointer text-sm leading-tight font-medium", labelClassName)}>
                {option.label}
              </label>
              {option.hint ? (
                <p id={hintId} className="text-xs text-muted-foreground">
                  {option.hint}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
      {errorId ? <ErrorMessages id={errorId} messages={errors} /> : null}
    </fieldset>
  );
}

/** Moves focus to the first control marked invalid, so keyboard and screen-reader users land on the problem. */
export function focusFirstInvalid(form: HTMLFormElement | null) {
  form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

function group(entries: Iterable<readonly [string, string]>): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of entries) (out[path.split(".")[0] || "form"] ??= []).push(sentence(message));
  return out;
}

/**
 * Messages per top-level field, from a client-side safeParse or an action's
 * fieldErrors. The shared schemas word messages as fragments ("is required")
 * for the API's `path: message` form, so they are capitalised to stand alone.
 */
export function fieldErrorsOf(source: z.ZodError | FieldErrors | undefined): FieldErrors {
  if (!source) return {};
  if (source instanceof Error) return group(source.issues.map((i) => [i.path.map(String).join("."), i.message] as const));
  return group(Object.entries(source).flatMap(([path, messages]) => messages.map((m) => [path, m] as const)));
}
