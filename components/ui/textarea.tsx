import * as React from "react";
import { cn } from "@/lib/utils";
import { controlClasses } from "@/components/ui/input";

export type TextareaProps = React.ComponentProps<"textarea">;

export function Textarea({ className, rows = 4, ...props }: TextareaProps) {
  return (
    <textarea
      rows={rows}
      className={cn(controlClasses, "block min-h-20 px-3 py-2 leading-relaxed", className)}
      {...props}
    />
  );
}
