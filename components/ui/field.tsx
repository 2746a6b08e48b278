import * as React from "react";
import { CircleExclamationPoint } from "lucide-react";
import { cn } from "@/lib/utils";
import { Label } from "@/components/ui/label";

export type FieldProps = {
  label: React.ReactNode;
  /** The control's id; the label, hint and error ids are derived from it. */
  htmlFor: string;
  error?: string | string[] | null;
  hint?: React.ReactNode;
  required?: boolean;
  className?: string;
  /** A single form control (Input, Select, Textarea...). It receives id, aria-invalid and aria-describedby. */
  children: React.ReactNode;
};

type ControlProps = {
  id?: string;
  "aria-describedby"?: string;
  "aria-invalid"?: React.AriaAttributes["aria-invalid"];
  "aria-required"?: React.AriaAttributes["aria-required"];
  required?: boolean;
};

export function Field({ label, htmlFor, error, hint, required, className, children }: FieldProps) {
  const errors = (Array.isArray(error) ? error : error ? [error] : []).filter(Boolean);
  const hasError = errors.length > 0;
  const hintId = hint ? `${htmlFor}-hint` : undefined;
  const errorId = hasError ? `${htmlFor}-error` : undefined;

  let control = children;
  if (React.isValidElement<ControlProps>(children)) {
    const own = children.props;
    const describedBy = [own["aria-describedby"], hintId, errorId].filter(Boolean).join(" ");
    control = React.cloneElement(children, {
      id: own.id ?? htmlFor,
      "aria-describedby": describedBy || undefined,
      "aria-invalid": hasError ? true : own["aria-invalid"],
      "aria-required": required && !own.required ? true : own["aria-required"],
    });
  }

  return (
    <div className={cn("grid gap-1.5", className)}>
      <Label htmlFor={htmlFor}>
        {label}
        {required ? (
          <span aria-hidden="true" className="ml-0.5 text-danger">
            *
          </span>
        ) : null}
      </Label>
      {control}
      {hint ? (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
      {errorId ? <ErrorMessages id={errorId} messages={errors} /> : null}
    </div>
  );
}

/** Messages under a control, each behind an icon; the control's aria-describedby points at `id`. */
export function ErrorMessages({ id, messages }: { id: string; messages: readonly string[] }) {
  return (
    <div id={id} className="grid gap-0.5 text-xs font-medium text-danger">
      {messages.map((message, i) => (
        <p key={i} className="flex items-start gap-1">
          <CircleExclamationPoint aria-hidden="true" className="mt-px size-3.5 shrink-0" />
          <span>{message}</span>
        </p>
      ))}
    </div>
  );
}
