"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import {
  BookCheck,
  CalendarClock,
  ClipboardCheck,
  Database,
  FileClock,
  FingerprintPattern,
  Import,
  Inbox,
  KeyRound,
  LayoutDashboard,
  Menu,
  Scale,
  ScrollText,
  ShieldCheck,
  TriangleExclamationPoint,
  Users,
  Webhook,
  Workflow,
  X,
  type LucideIcon,
} from "lucide-react";
import { cn, focusRing } from "@/lib/utils";

type NavItem = { label: string; href: string; icon: LucideIcon };
type NavGroup = { label: string; items: NavItem[] };

export const NAV_GROUPS: readonly NavGroup[] = [
  {
    label: "Govern",
    items: [
      { label: "Overview", href: "/", icon: LayoutDashboard },
      { label: "Workflows", href: "/workflows", icon: Workflow },
      { label: "Identities", href: "/identities", icon: FingerprintPattern },
      { label: "Requests", href: "/requests", icon: Inbox },
      { label: "Data sets", href: "/data-sets", icon: Database },
    ],
  },
  {
    label: "Review",
    items: [
      { label: "My reviews", href: "/reviews", icon: ClipboardCheck },
      { label: "Campaigns", href: "/campaigns", icon: CalendarClock },
      { label: "Findings", href: "/findings", icon: TriangleExclamationPoint },
      { label: "Frameworks", href: "/frameworks", icon: BookCheck },
    ],
  },
  {
    label: "Runtime",
    items: [
      { label: "Decisions", href: "/decisions", icon: Scale },
      { label: "Policies", href: "/policies", icon: ScrollText },
      { label: "Hooks", href: "/settings/hooks", icon: Webhook },
    ],
  },
  {
    label: "Evidence",
    items: [
      { label: "Audit trail", href: "/audit", icon: FileClock },
      { label: "Import", href: "/import", icon: Import },
    ],
  },
  {
    label: "Admin",
    items: [
      { label: "Users", href: "/settings/users", icon: Users },
      { label: "API keys", href: "/settings/api-keys", icon: KeyRound },
    ],
  },
];

export function isActivePath(pathname: string, href: string): boolean {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}

export function Brand({ className }: { className?: string }) {
  return (
    <Link
      href="/"
      className={cn(
        "inline-flex items-center gap-2 rounded-md text-sm font-semibold tracking-tight text-foreground",
        focusRing,
        className,
      )}
    >
      <span className="flex size-6 items-center justify-center rounded-md bg-primary text-primary-foreground">
        <ShieldCheck aria-hidden="true" className="size-4" />
      </span>
      Countersign
    </Link>
  );
}

export function Nav({ onNavigate, className }: { onNavigate?: () => void; className?: string }) {
  const pathname = usePathname() ?? "/";
  // Two copies can be mounted at once (sidebar + mobile drawer), so heading ids must be unique.
  const idPrefix = React.useId();

  return (
    <nav aria-label="Main" className={cn("flex flex-col gap-5", className)}>
      {NAV_GROUPS.map((group) => {
        const headingId = `${idPrefix}-${group.label.toLowerCase()}`;
        return (
          <div key={group.label} className="grid gap-0.5">
            <p
              id={headingId}
              className="px-2 pb-1 text-[11px] font-medium tracking-wider text-muted-foreground uppercase"
            >
              {group.label}
            </p>
            <ul aria-labelledby={headingId} className="grid gap-0.5">
              {group.items.map(({ label, href, icon: Icon }) => {
                const active = isActivePath(pathname, href);
                return (
                  <li key={href}>
                    <Link
                      href={href}
                      aria-current={active ? "page" : undefined}
                      onClick={onNavigate}
                      className={cn(
                        "flex h-8 items-center gap-2.5 rounded-md px-2 text-sm transition-colors",
                        active
                          ? "bg-sidebar-active font-medium text-sidebar-active-foreground"
                          : "text-sidebar-foreground hover:bg-accent hover:text-accent-foreground",
                        focusRing,
                        "focus-visible:ring-offset-sidebar",
                      )}
                    >
                      <Icon
                        aria-hidden="true"
                        className={cn("size-4 shrink-0", active ? "opacity-100" : "opacity-70")}
                      />
                      {label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </nav>
  );
}

/** Below the md breakpoint the sidebar collapses into this drawer, opened from the top bar. */
export function MobileNav() {
  const [open, setOpen] = React.useState(false);
  return (
    <DialogPrimitive.Root open={open} onOpenChange={setOpen}>
      <DialogPrimitive.Trigger
        className={cn(
          "inline-flex size-9 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-foreground md:hidden",
          focusRing,
        )}
      >
        <Menu aria-hidden="true" className="size-5" />
        <span className="sr-only">Open navigation</span>
      </DialogPrimitive.Trigger>
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-overlay data-[state=closed]:animate-fade-out data-[state=open]:animate-fade-in md:hidden" />
        <DialogPrimitive.Content
          aria-describedby={undefined}
          className={cn(
            "fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col border-r border-border bg-sidebar shadow-xl focus:outline-hidden md:hidden",
            "data-[state=open]:animate-slide-in-left data-[state=closed]:animate-slide-out-left",
          )}
        >
          <DialogPrimitive.Title className="sr-only">Navigation</DialogPrimitive.Title>
          <div className="flex h-14 shrink-0 items-center justify-between border-b border-border px-4">
            <Brand />
            <DialogPrimitive.Close
              className={cn(
                "inline-flex size-8 items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-foreground",
                focusRing,
              )}
            >
              <X aria-hidden="true" className="size-4" />
              <span className="sr-only">Close navigation</span>
            </DialogPrimitive.Close>
          </div>
          <div className="flex-1 overflow-y-auto px-3 py-4">
            <Nav onNavigate={() => setOpen(false)} />
          </div>
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}
