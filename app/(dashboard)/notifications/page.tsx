import type { Metadata } from "next";
import Link from "next/link";
import { BellOff } from "lucide-react";
import { MarkAllReadButton } from "@/components/notifications/notification-controls";
import { InboxFilter, NotificationList, type NotificationItem } from "@/components/notifications/notification-list";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { countMyUnreadNotifications, listMyNotifications } from "@/lib/domain/notifications/notifications";
import { requirePageActor } from "@/lib/server/page-actor";
import { formatDateTime, formatRelative } from "@/lib/utils";

export const metadata: Metadata = { title: "Notifications" };

const LIMIT = 100;

export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageActor();
  const unreadOnly = (await searchParams).filter === "unread";
  const [rows, unread] = await Promise.all([
    listMyNotifications(actor, { unreadOnly, limit: LIMIT }),
    countMyUnreadNotifications(actor),
  ]);
  const now = new Date();
  const items: NotificationItem[] = rows.map((n) => ({
    id: n.id,
    title: n.title,
    body: n.body,
    link: n.link,
    read: n.readAt !== null,
    createdAt: n.createdAt.toISOString(),
    relative: formatRelative(n.createdAt, now),
    exact: formatDateTime(n.createdAt),
  }));

  return (
    <>
      <PageHeader
        title="Notifications"
        description="Things that need you: approvals, review reminders and hook delivery failures."
        actions={<MarkAllReadButton unread={unread} />}
      />
      <InboxFilter unreadOnly={unreadOnly} unread={unread} />
      {items.length === 0 ? (
        <EmptyState
          icon={BellOff}
          title="You're all caught up"
          description={
            unreadOnly
              ? "Nothing unread. Approval requests, review reminders and hook delivery failures appear here as soon as they need you."
              : "Approval requests waiting for you, reminders about access reviews you owe, and hook delivery failures appear here as soon as they need you."
          }
          action={
            unreadOnly ? (
              <Link href="/notifications" className={buttonVariants({ variant: "outline" })}>
                Show all notifications
              </Link>
            ) : null
          }
        />
      ) : (
        <>
          <NotificationList items={items} />
          {rows.length === LIMIT ? (
            <p className="pt-3 text-xs text-muted-foreground">
              Showing the latest {LIMIT}. Mark these read to see older unread notifications under Unread.
            </p>
          ) : null}
        </>
      )}
    </>
  );
}
