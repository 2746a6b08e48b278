import * as React from "react";
import Link from "next/link";
import { Bell } from "lucide-react";
import { cn, focusRing } from "@/lib/utils";
import { Brand, MobileNav, Nav } from "@/components/shell/nav";
import { UserMenu } from "@/components/shell/user-menu";

export type AppShellProps = {
  user: { name: string; email: string; roles: string[] };
  unreadNotifications: number;
  children: React.ReactNode;
};

function NotificationsLink({ unread }: { unread: number }) {
  const count = Math.max(0, Math.floor(unread));
  return (
    <Link
      href="/notifications"
      aria-label={count > 0 ? `Notifications, ${count} unread` : "Notifications"}
      className={cn(
        "relative inline-flex size-9 items-center justify-center rounded-md text-muted-foreground transition-colors hover:bg-accent hover:text-foreground",
        focusRing,
      )}
    >
      <Bell aria-hidden="true" className="size-4.5" />
      {count > 0 ? (
        <span
          aria-hidden="true"
          className="absolute top-1 right-1 flex h-4 min-w-4 items-center justify-center rounded-full bg-danger px-1 text-[10px] leading-none font-semibold text-danger-foreground tabular-nums ring-2 ring-background"
        >
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}

export function AppShell({ user, unreadNotifications, children }: AppShellProps) {
  return (
    <div className="flex min-h-dvh bg-background">
      <a
        href="#main"
        className={cn(
          // Parked above the viewport rather than sr-only, so it slides into view when focused.
          "no-print fixed top-3 left-3 z-100 -translate-y-24 rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground shadow-lg transition-transform focus:translate-y-0",
          focusRing,
        )}
      >
        Skip to content
      </a>

      <aside className="no-print sticky top-0 hidden h-dvh w-60 shrink-0 flex-col border-r border-border bg-sidebar md:flex">
        <div className="flex h-14 shrink-0 items-center px-4">
          <Brand />
        </div>
        <div className="flex-1 overflow-y-auto px-3 pt-2 pb-6">
          <Nav />
        </div>
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="no-print sticky top-0 z-40 flex h-14 shrink-0 items-center gap-2 border-b border-border bg-background/85 px-3 backdrop-blur supports-[backdrop-filter]:bg-background/70 sm:px-4 md:px-6">
          <MobileNav />
          <Brand className="md:hidden" />
          <div className="ml-auto flex items-center gap-1">
            <NotificationsLink unread={unreadNotifications} />
            <UserMenu user={user} />
          </div>
        </header>

        <main id="main" tabIndex={-1} className="flex-1 px-4 py-6 focus:outline-hidden sm:px-6 md:px-8 md:py-8">
          <div className="mx-auto w-full max-w-7xl">{children}</div>
        </main>
      </div>
    </div>
  );
}
