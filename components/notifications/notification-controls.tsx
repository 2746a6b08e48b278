"use client";

import * as React from "react";
import Link from "next/link";
import { toast } from "sonner";
import { Check, CheckCheck, ExternalLink } from "lucide-react";
import { Button, buttonVariants } from "@/components/ui/button";
import { markNotificationsReadAction } from "@/app/(dashboard)/notifications/actions";

export function MarkAllReadButton({ unread }: { unread: number }) {
  const [pending, startTransition] = React.useTransition();
  function markAll() {
    startTransition(async () => {
      const result = await markNotificationsReadAction({});
      if (!result.ok) return void toast.error(result.error);
      const n = result.data.marked;
      toast.success(n === 0 ? "Nothing left to mark read." : `Marked ${n} notification${n === 1 ? "" : "s"} read.`);
    });
  }
  return (
    <Button variant="outline" onClick={markAll} loading={pending} disabled={unread === 0}>
      <CheckCheck aria-hidden="true" />
      Mark all read
    </Button>
  );
}

export function MarkReadButton({ id, title }: { id: string; title: string }) {
  const [pending, startTransition] = React.useTransition();
  function markRead() {
    startTransition(async () => {
      const result = await markNotificationsReadAction({ ids: [id] });
      if (!result.ok) toast.error(result.error);
    });
  }
  return (
    <Button variant="ghost" size="sm" onClick={markRead} loading={pending} aria-label={`Mark read: ${title}`}>
      {pending ? null : <Check aria-hidden="true" />}
      Mark read
    </Button>
  );
}

export type OpenNotificationLinkProps = {
  id: string;
  title: string;
  /** Already vetted by the list: an app path, or an http(s) URL when `external`. */
  link: string;
  external: boolean;
  unread: boolean;
};

export function OpenNotificationLink({ id, title, link, external, unread }: OpenNotificationLinkProps) {
  const className = buttonVariants({ variant: "outline", size: "sm" });
  // Opening a notification counts as reading it; a failure is harmless, so it is neither awaited nor reported.
  const onClick = unread ? () => void markNotificationsReadAction({ ids: [id] }) : undefined;
  if (!external) {
    return (
      <Link href={link} className={className} onClick={onClick} aria-label={`Open: ${title}`}>
        Open
      </Link>
    );
  }
  return (
    <a href={link} className={className} onClick={onClick} rel="noopener noreferrer" aria-label={`Open: ${title}`}>
      Open
      <ExternalLink aria-hidden="true" />
    </a>
  );
}
