import * as React from "react";
import Link from "next/link";
import { ChevronLeft } from "lucide-react";
import { cn, focusRing } from "@/lib/utils";

export type PageHeaderProps = {
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Buttons or links for the page's primary actions, right-aligned on wide screens. */
  actions?: React.ReactNode;
  className?: string;
};

export function PageHeader({ title, description, actions, className }: PageHeaderProps) {
  return (
    <div
      className={cn(
        "mb-6 flex flex-col gap-3 border-b border-border pb-5 sm:flex-row sm:items-end sm:justify-between",
        className,
      )}
    >
      <div className="min-w-0 space-y-1">
        <h1 className="text-xl font-semibold tracking-tight text-foreground">{title}</h1>
        {description ? <p className="max-w-3xl text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {actions ? <div className="no-print flex shrink-0 flex-wrap items-center gap-2">{actions}</div> : null}
    </div>
  );
}

/** The way back from a detail page to its list, above the page header. */
export function BackLink({ href, children }: { href: string; children: React.ReactNode }) {
  return (
    <Link href={href} className={cn("mb-3 inline-flex items-center gap-1 rounded-sm text-sm text-muted-foreground hover:text-foreground", focusRing)}>
      <ChevronLeft aria-hidden="true" className="size-4" />
      {children}
    </Link>
  );
}
