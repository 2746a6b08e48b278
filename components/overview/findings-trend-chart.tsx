"use client";

import { ShieldCheck } from "lucide-react";
import { Area, AreaChart, CartesianGrid, Legend, Line, Tooltip, XAxis, YAxis } from "recharts";
import type { FindingsTrendDay } from "@/lib/domain/overview/get-findings-trend";
import { ChartCard, Figures, ChartDataTable } from "./chart-card";
import { COLOR, SEVERITY_COLOR, axis, formatDay, grid, inOrder, legend, tooltip } from "./chart-theme";

// Drawn bottom-up, so the most severe band sits on top where the eye lands first.
const SEVERITIES = ["low", "medium", "high", "critical"] as const;
const LABEL = { low: "Low", medium: "Medium", high: "High", critical: "Critical", accepted: "Risk-accepted" } as const;

export function FindingsTrendChart({ days }: { days: FindingsTrendDay[] }) {
  const last = days.at(-1);
  const first = days[0];
  const openOf = (d: FindingsTrendDay | undefined) => (d ? d.low + d.medium + d.high + d.critical : 0);
  const anything = days.some((d) => openOf(d) + d.accepted > 0);
  const change = openOf(last) - openOf(first);
  const range = first && last ? `${formatDay(first.day)} – ${formatDay(last.day)}` : "";

  return (
    <ChartCard
      id="findings-trend-heading"
      title="Open findings by severity"
      description={`Open risk findings at the close of each day (UTC), last ${days.length} days. Risk-accepted findings are drawn as a line, not counted as open.`}
      empty={
        anything
          ? null
          : {
              icon: ShieldCheck,
              title: "No findings yet",
              description:
                "No findings yet — the findings job runs every 15 minutes and after relevant changes. Open, accepted and resolved risks will be charted here.",
            }
      }
    >
      <Figures
        figures={[
          { label: "Open now", value: openOf(last), tone: openOf(last) > 0 ? "danger" : "neutral" },
          { label: "Critical", value: last?.critical ?? 0, tone: (last?.critical ?? 0) > 0 ? "danger" : "neutral" },
          { label: "High", value: last?.high ?? 0, tone: (last?.high ?? 0) > 0 ? "warning" : "neutral" },
          { label: `Change since ${first ? formatDay(first.day) : "start"}`, value: change, tone: change > 0 ? "warning" : change < 0 ? "success" : "neutral" },
          { label: "Risk-accepted", value: last?.accepted ?? 0 },
        ]}
      />
      <div aria-hidden="true">
        <AreaChart responsive accessibilityLayer={false} data={days} style={{ width: "100%", height: 260 }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid {...grid} />
          <XAxis dataKey="day" tickFormatter={formatDay} minTickGap={24} {...axis} />
          <YAxis allowDecimals={false} {...axis} />
          <Tooltip {...tooltip} labelFormatter={(d) => formatDay(String(d))} itemSorter={inOrder(["critical", "high", "medium", "low", "accepted"])} />
          <Legend {...legend} itemSorter={null} />
          {SEVERITIES.map((s) => (
            <Area
              key={s}
              type="stepAfter"
              dataKey={s}
              name={LABEL[s]}
              stackId="open"
              stroke={SEVERITY_COLOR[s]}
              fill={SEVERITY_COLOR[s]}
              fillOpacity={0.35}
              isAnimationActive={false}
            />
          ))}
          <Line
            type="stepAfter"
            dataKey="accepted"
            name={LABEL.accepted}
            stroke={COLOR.primary}
            strokeDasharray="4 3"
            dot={false}
            isAnimationActive={false}
          />
        </AreaChart>
      </div>
      <ChartDataTable
        caption={`Open findings per day by severity, ${range}`}
        columns={["Day", LABEL.low, LABEL.medium, LABEL.high, LABEL.critical, LABEL.accepted]}
        rows={[...days].reverse().map((d) => ({ label: d.day, values: [d.low, d.medium, d.high, d.critical, d.accepted] }))}
      />
    </ChartCard>
  );
}
