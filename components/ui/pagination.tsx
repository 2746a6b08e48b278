import * as React from "react";
import Link from "next/link";
import { ChevronLeft, ChevronRight } from "lucide-react";
import { cn } from "@/lib/utils";
import { buttonVariants } from "@/components/ui/button";

export type PaginationProps = {
  nextHref?: string | null;
  prevHref?: string | null;
  className?: string;
};

/** Cursor pagination: only "previous" and "next", as plain links so it works without JavaScript. */
export function Pagination({ nextHref, prevHref, className }: PaginationProps) {
  if (!nextHref && !prevHref) return null;
  const disabled = buttonVariants({ variant: "outline", size: "sm", className: "pointer-events-none opacity-50" });
  const enabled = buttonVariants({ variant: "outline", size: "sm" });

  return (
    <nav aria-label="Pagination" className={cn("no-print flex items-center justify-end gap-2 pt-4", className)}>
      {prevHref ? (
        <Link href={prevHref} rel="prev" className={enabled}>
          <ChevronLeft aria-hidden="true" />
          Previous
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          <ChevronLeft aria-hidden="true" />
          Previous
        </span>
      )}
      {nextHref ? (
        <Link href={nextHref} rel="next" className={enabled}>
          Next
          <ChevronRight aria-hidden="true" />
        </Link>
      ) : (
        <span aria-disabled="true" className={disabled}>
          Next
          <ChevronRight aria-hidden="true" />
        </span>
      )}
    </nav>
  );
}
