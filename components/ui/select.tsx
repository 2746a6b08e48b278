import * as React from "react";
import { cn } from "@/lib/utils";
import { controlClasses } from "@/components/ui/input";

export type SelectProps = React.ComponentProps<"select">;

/**
 * A native <select>: it submits with plain HTML forms and server actions,
 * and the platform handles keyboard and screen-reader behaviour. Use
 * <option> children as usual.
 */
export function Select({ className, multiple, ...props }: SelectProps) {
  return (
    <select
      multiple={multiple}
      className={cn(
        controlClasses,
        "cursor-pointer py-1 pl-3",
        multiple ? "min-h-24 pr-3" : "select-chevron h-9",
        className,
      )}
      {...props}
    />
  );
}
