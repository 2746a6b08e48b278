import * as React from "react";
import { cn, focusRing } from "@/lib/utils";

/** Shared by Input, Textarea and Select so form controls line up. */
export const controlClasses = cn(
  "w-full min-w-0 rounded-md border border-input bg-card text-sm text-foreground shadow-xs transition-colors",
  "placeholder:text-muted-foreground/80",
  "disabled:cursor-not-allowed disabled:opacity-60 [&[readonly]]:bg-muted/60",
  "aria-invalid:border-danger aria-invalid:focus-visible:ring-danger/50",
  focusRing,
);

export type InputProps = React.ComponentProps<"input">;

export function Input({ className, type = "text", ...props }: InputProps) {
  return (
    <input
      type={type}
      className={cn(
        controlClasses,
        "h-9 px-3 py-1",
        "file:mr-3 file:h-7 file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-foreground",
        className,
      )}
      {...props}
    />
  );
}
