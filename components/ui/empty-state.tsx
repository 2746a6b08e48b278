import * as React from "react";
import { cn } from "@/lib/utils";

export type EmptyStateProps = {
  /** A lucide icon component (icon={Inbox}) or an element (icon={<Inbox />}). */
  icon?: React.ComponentType<{ className?: string; "aria-hidden"?: boolean | "true" }> | React.ReactElement;
  title: React.ReactNode;
  /** Say what the user can do next, not just that the list is empty. */
  description?: React.ReactNode;
  action?: React.ReactNode;
  className?: string;
};

export function EmptyState({ icon: Icon, title, description, action, className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center gap-2 rounded-lg border border-dashed border-border px-6 py-12 text-center",
        className,
      )}
    >
      {Icon ? (
        <div
          aria-hidden="true"
          className="mb-1 flex size-10 items-center justify-center rounded-full bg-muted text-muted-foreground [&_svg]:size-5"
        >
          {React.isValidElement(Icon) ? Icon : <Icon aria-hidden="true" />}
        </div>
      ) : null}
      <h2 className="text-sm font-semibold text-foreground">{title}</h2>
      {description ? <p className="max-w-md text-sm text-muted-foreground">{description}</p> : null}
      {action ? <div className="mt-3 flex flex-wrap items-center justify-center gap-2">{action}</div> : null}
    </div>
  );
}
