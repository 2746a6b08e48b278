import * as React from "react";
import { cn } from "@/lib/utils";

const VARIANTS = {
  neutral: "border-border bg-muted text-muted-foreground",
  success: "border-success/25 bg-success/10 text-success",
  warning: "border-warning/30 bg-warning/10 text-warning",
  danger: "border-danger/25 bg-danger/10 text-danger",
  info: "border-info/25 bg-info/10 text-info",
  outline: "border-input bg-transparent text-foreground",
} as const;

export type BadgeVariant = keyof typeof VARIANTS;

export type BadgeProps = React.ComponentProps<"span"> & { variant?: BadgeVariant };

export function Badge({ variant = "neutral", className, ...props }: BadgeProps) {
  return (
    <span
      className={cn(
        "inline-flex h-5 shrink-0 items-center gap-1 rounded-md border px-1.5 text-xs leading-none font-medium whitespace-nowrap",
        "[&_svg]:size-3 [&_svg]:shrink-0",
        VARIANTS[variant],
        className,
      )}
      {...props}
    />
  );
}
