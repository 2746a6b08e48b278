import Link from "next/link";
import { cn, focusRing } from "@/lib/utils";
import { MarkReadButton, OpenNotificationLink } from "./notification-controls";

export type NotificationItem = {
  id: string;
  title: string;
  body: string;
  link: string | null;
  read: boolean;
  createdAt: string;
  /** Formatted on the server so the client renders the same text (no hydration drift). */
  relative: string;
  exact: string;
};

const INTERNAL = /^\/(?!\/)/;
const WEB = /^https?:\/\//i;

export function NotificationList({ items }: { items: readonly NotificationItem[] }) {
  return (
    <ul className="divide-y divide-border overflow-hidden rounded-lg border border-border bg-card">
      {items.map((n) => {
        // Only app paths and web URLs become links; javascript: or data: never reach an href.
        const internal = n.link ? INTERNAL.test(n.link) : false;
        const external = n.link ? !internal && WEB.test(n.link) : false;
        return (
          <li key={n.id} className={cn("flex items-start gap-3 px-4 py-3", !n.read && "bg-primary/5")}>
            <span
              aria-hidden="true"
              className={cn("mt-1.5 size-2 shrink-0 rounded-full", n.read ? "bg-transparent" : "bg-primary")}
            />
            <div className="grid min-w-0 flex-1 gap-0.5">
              <h2 className={cn("text-sm leading-snug", n.read ? "font-normal" : "font-semibold")}>
                {n.read ? null : <span className="sr-only">Unread: </span>}
                {n.title}
              </h2>
              {n.body ? <p className="text-sm break-words text-muted-foreground">{n.body}</p> : null}
              <time dateTime={n.createdAt} title={n.exact} className="text-xs text-muted-foreground">
                {n.relative}
              </time>
            </div>
            <div className="flex shrink-0 items-center gap-1">
              {n.link && (internal || external) ? (
                <OpenNotificationLink id={n.id} title={n.title} link={n.link} external={external} unread={!n.read} />
              ) : null}
              {n.read ? null : <MarkReadButton id={n.id} title={n.title} />}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

export function InboxFilter({ unreadOnly, unread }: { unreadOnly: boolean; unread: number }) {
  const tabs = [
    { label: "All", href: "/notifications", current: !unreadOnly },
    { label: `Unread (${unread})`, href: "/notifications?filter=unread", current: unreadOnly },
  ];
  return (
    <nav aria-label="Notification filter" className="mb-4 flex gap-1">
      {tabs.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.current ? "page" : undefined}
          className={cn(
            "rounded-md px-3 py-1.5 text-sm transition-colors",
            tab.current
              ? "bg-accent font-medium text-accent-foreground"
              : "text-muted-foreground hover:bg-accent/60 hover:text-foreground",
            focusRing,
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
