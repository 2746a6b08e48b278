"use client";

import { KeyRound } from "lucide-react";
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts";
import type { CredentialAgeDistribution } from "@/lib/domain/overview/get-credential-age-distribution";
import { ChartCard, Figures, ChartDataTable } from "./chart-card";
import { COLOR, axis, grid, tooltip } from "./chart-theme";

// Older secrets are the riskier ones (NHI7): the colour warms with age.
const BUCKET_COLOR = {
  under30: COLOR.success,
  from30to90: COLOR.success,
  from90to180: COLOR.info,
  from180to365: COLOR.warning,
  over365: COLOR.danger,
} as const;

export function CredentialAgeChart({ distribution }: { distribution: CredentialAgeDistribution }) {
  const { buckets, total, withoutExpiry } = distribution;
  const older = buckets.filter((b) => b.key === "from180to365" || b.key === "over365").reduce((n, b) => n + b.count, 0);

  return (
    <ChartCard
      id="credential-age-heading"
      title="Credential age"
      description="Active standing credentials by time since last rotation (or issue if never rotated). JIT tokens are left out."
      empty={
        total === 0
          ? {
              icon: KeyRound,
              title: "No active credentials",
              description: "Register credentials on an identity's page or import them; their age since rotation will show here.",
            }
          : null
      }
    >
      <Figures
        figures={[
          { label: "Active credentials", value: total },
          { label: "Not rotated for 180+ days", value: older, tone: older > 0 ? "warning" : "neutral" },
          { label: "Without expiry", value: withoutExpiry, tone: withoutExpiry > 0 ? "danger" : "neutral" },
        ]}
      />
      <div aria-hidden="true">
        <BarChart responsive accessibilityLayer={false} data={buckets} style={{ width: "100%", height: 220 }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid {...grid} />
          <XAxis dataKey="label" interval={0} {...axis} />
          <YAxis allowDecimals={false} {...axis} />
          <Tooltip {...tooltip} />
          <Bar dataKey="count" name="Credentials" radius={[4, 4, 0, 0]} isAnimationActive={false}>
            {buckets.map((b) => (
              <Cell key={b.key} fill={BUCKET_COLOR[b.key]} />
            ))}
          </Bar>
        </BarChart>
      </div>
      <ChartDataTable
        caption="Active credentials by age since last rotation"
        columns={["Age", "Credentials"]}
        rows={buckets.map((b) => ({ label: b.label, values: [b.count] }))}
      />
    </ChartCard>
  );
}
