import * as React from "react";
import { type LinkTab, LinkTabs } from "@/components/lists/link-tabs";

export type RequestTab = "mine" | "requested" | "all";

export const REQUEST_TAB_QUERY: Record<RequestTab, { inbox?: "mine" | "requested"; status?: "pending" }> = {
  mine: { inbox: "mine" },
  requested: { inbox: "requested" },
  all: { status: "pending" },
};

const TABS: LinkTab<RequestTab>[] = [
  { key: "mine", label: "Waiting for me", href: "/requests" },
  { key: "requested", label: "My requests", href: "/requests?inbox=requested" },
  { key: "all", label: "All pending", href: "/requests?status=pending" },
];

/** The request inboxes; "All pending" only for those who may see every request. */
export function RequestTabs({ current, showAll }: { current: RequestTab; showAll: boolean }) {
  return <LinkTabs label="Request lists" tabs={TABS.filter((t) => showAll || t.key !== "all")} current={current} />;
}
