"use client";

import { TrendingDown } from "lucide-react";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { ChartCard, ChartDataTable } from "@/components/overview/chart-card";
import { COLOR, axis, formatDay, grid, legend, tooltip } from "@/components/overview/chart-theme";
import type { BurndownPoint } from "@/lib/domain/campaigns/get-campaign";

/** Entitlements still undecided at the end of each UTC day, against a straight line to zero at the due date. */
export function BurndownChart({ points }: { points: BurndownPoint[] }) {
  const first = points[0];
  const last = points.at(-1);
  return (
    <ChartCard
      id="campaign-burndown-heading"
      title="Burndown"
      description="Entitlements still waiting for a final decision at the end of each day (UTC), from launch to the due date. The dashed line is an even pace."
      empty={
        points.length
          ? null
          : { icon: TrendingDown, title: "Not launched yet", description: "The burndown starts when the campaign is launched and the population is frozen." }
      }
    >
      <div aria-hidden="true">
        <LineChart responsive data={points} style={{ width: "100%", height: 240 }} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
          <CartesianGrid {...grid} />
          <XAxis dataKey="day" tickFormatter={formatDay} minTickGap={24} {...axis} />
          <YAxis allowDecimals={false} {...axis} />
          <Tooltip {...tooltip} labelFormatter={(d) => formatDay(String(d))} />
          <Legend {...legend} />
          <Line type="monotone" dataKey="ideal" name="Even pace" stroke={COLOR.neutral} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
          {/* A line needs two points: on launch day the lone point is drawn as a dot. */}
          <Line type="stepAfter" dataKey="remaining" name="Undecided" stroke={COLOR.primary} strokeWidth={2} dot={points.length < 3} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </div>
      <ChartDataTable
        caption={`Undecided entitlements per day${first && last ? `, ${formatDay(first.day)} – ${formatDay(last.day)}` : ""}`}
        columns={["Day", "Undecided", "Even pace"]}
        rows={points.filter((p) => p.remaining != null).map((p) => ({ label: p.day, values: [p.remaining ?? 0, p.ideal] }))}
      />
    </ChartCard>
  );
}
