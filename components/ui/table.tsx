import * as React from "react";
import { cn } from "@/lib/utils";

export type TableProps = React.ComponentProps<"table"> & {
  /** Keeps column headings visible; the table scrolls inside its own box. */
  stickyHeader?: boolean;
  containerClassName?: string;
};

export function Table({ stickyHeader = false, className, containerClassName, ...props }: TableProps) {
  return (
    <div
      className={cn(
        "relative w-full overflow-x-auto rounded-lg border border-border bg-card",
        // overflow-x forces a scroll container, so sticky headings need a bounded height to stick to.
        stickyHeader && "max-h-[70vh] overflow-y-auto [&_thead_th]:sticky [&_thead_th]:top-0 [&_thead_th]:z-10",
        containerClassName,
      )}
    >
      <table className={cn("w-full caption-bottom border-collapse text-sm", className)} {...props} />
    </div>
  );
}

export function TCaption({ className, ...props }: React.ComponentProps<"caption">) {
  return <caption className={cn("px-3 py-2 text-left text-xs text-muted-foreground", className)} {...props} />;
}

export function THead({ className, ...props }: React.ComponentProps<"thead">) {
  return <thead className={cn("[&_tr]:hover:bg-transparent", className)} {...props} />;
}

export function TBody({ className, ...props }: React.ComponentProps<"tbody">) {
  return <tbody className={cn("[&_tr:last-child]:border-0", className)} {...props} />;
}

export function TR({ className, ...props }: React.ComponentProps<"tr">) {
  return (
    <tr
      className={cn(
        "border-b border-border transition-colors hover:bg-muted/50 data-[state=selected]:bg-muted",
        className,
      )}
      {...props}
    />
  );
}

export function TH({ className, scope = "col", ...props }: React.ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cn(
        "h-9 bg-muted px-3 text-left align-middle text-xs font-medium whitespace-nowrap text-muted-foreground",
        "shadow-[inset_0_-1px_0_var(--color-border)]",
        className,
      )}
      {...props}
    />
  );
}

export function TD({ className, ...props }: React.ComponentProps<"td">) {
  return <td className={cn("px-3 py-2 align-middle", className)} {...props} />;
}

/** The heading of a column of row buttons: blank on screen, named for screen readers. */
export function TActionsHead() {
  return (
    <TH>
      <span className="sr-only">Actions</span>
    </TH>
  );
}
