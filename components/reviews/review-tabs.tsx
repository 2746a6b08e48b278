import * as React from "react";
import { type LinkTab, LinkTabs } from "@/components/lists/link-tabs";

export type ReviewView = "mine" | "all";

const TABS: LinkTab<ReviewView>[] = [
  { key: "mine", label: "My reviews", href: "/reviews" },
  { key: "all", label: "All open reviews", href: "/reviews?view=all" },
];

/** Identity owners own the cadence and auditors read it: they can switch to every open item. */
export function ReviewTabs({ current }: { current: ReviewView }) {
  return <LinkTabs label="Review lists" tabs={TABS} current={current} />;
}
