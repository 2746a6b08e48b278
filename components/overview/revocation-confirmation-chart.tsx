"use client";

import { Unplug } from "lucide-react";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { DownstreamStatus, RevocationConfirmation } from "@/lib/domain/overview/get-revocation-confirmation";
import { ChartCard, Figures, ChartDataTable } from "./chart-card";
import { COLOR, axis, formatDay, grid, inOrder, legend, tooltip } from "./chart-theme";

const SERIES: { key: DownstreamStatus; label: string; color: string }[] = [
  { key: "confirmed", label: "Confirmed downstream", color: COLOR.success },
  { key: "pending", label: "Waiting for hooks", color: COLOR.warning },
  { key: "failed", label: "Failed", color: COLOR.danger },
  { key: "noHooks", label: "No hooks", color: COLOR.neutral },
];

export function RevocationConfirmationChart({ confirmation }: { confirmation: RevocationConfirmation }) {
  const { days, totals } = confirmation;
  const total = SERIES.reduce((n, s) => n + totals[s.key], 0);

  return (
    <ChartCard
      id="revocation-confirmation-heading"
      title="Revocations confirmed downstream"
      description={`Revocations per day (UTC), last ${days.length} days: confirmed once every subscribed hook accepted the event. Undone revocations are left out.`}
      empty={
        total === 0
          ? {
              icon: Unplug,
              title: "No revocations in this period",
              description: "When access is revoked, this shows whether every subscribed hook confirmed it reached the real systems.",
            }
          : null
      }
    >
      <Figures
        figures={[
          { label: "Revocations", value: total },
          { label: "Confirmed", value: totals.confirmed, tone: "success" },
          { label: "Failed", value: totals.failed, tone: totals.failed > 0 ? "danger" : "neutral" },
          { label: "Waiting", value: totals.pending, tone: totals.pending > 0 ? "warning" : "neutral" },
          { label: "No hooks", value: totals.noHooks },
        ]}
      />
      <div aria-hidden="true">
        <BarChart responsive accessibilityLayer={false} data={days} style={{ width: "100%", height: 220 }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid {...grid} />
          <XAxis dataKey="day" tickFormatter={formatDay} minTickGap={24} {...axis} />
          <YAxis allowDecimals={false} {...axis} />
          <Tooltip {...tooltip} labelFormatter={(d) => formatDay(String(d))} itemSorter={inOrder(SERIES.map((s) => s.key))} />
          <Legend {...legend} itemSorter={null} />
          {SERIES.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} stackId="r" fill={s.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </div>
      <ChartDataTable
        caption="Revocations per day by downstream status"
        columns={["Day", ...SERIES.map((s) => s.label)]}
        rows={[...days].reverse().filter((d) => SERIES.some((s) => d[s.key] > 0)).map((d) => ({ label: d.day, values: SERIES.map((s) => d[s.key]) }))}
      />
    </ChartCard>
  );
}
