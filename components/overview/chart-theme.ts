// Chart colours come from the theme tokens in app/globals.css, so light and dark
// both follow the palette and stay in step with the badges (low = neutral,
// medium = info, high = warning, critical = danger).
export const COLOR = {
  neutral: "var(--muted-foreground)",
  info: "var(--info)",
  warning: "var(--warning)",
  danger: "var(--danger)",
  success: "var(--success)",
  primary: "var(--primary)",
} as const;

export const SEVERITY_COLOR = { low: COLOR.neutral, medium: COLOR.info, high: COLOR.warning, critical: COLOR.danger } as const;

export const axis = {
  stroke: "var(--border)",
  tick: { fill: "var(--muted-foreground)", fontSize: 12 },
  tickLine: false,
} as const;

export const grid = { stroke: "var(--border)", strokeDasharray: "3 3", vertical: false } as const;

export const tooltip = {
  contentStyle: {
    background: "var(--popover)",
    border: "1px solid var(--border)",
    borderRadius: 8,
    color: "var(--popover-foreground)",
    fontSize: 12,
  },
  labelStyle: { color: "var(--popover-foreground)", fontWeight: 600 },
  itemStyle: { color: "var(--popover-foreground)" },
  cursor: { fill: "var(--muted)", stroke: "var(--border)" },
} as const;

export const legend = { wrapperStyle: { fontSize: 12, color: "var(--muted-foreground)" } } as const;

const dayFormat = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", timeZone: "UTC" });

/** "2026-03-10" → "10 Mar" (days are UTC calendar days). */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/** Tooltip rows in a fixed order (recharts sorts by name otherwise). */
export function inOrder(keys: readonly string[]) {
  return (item: { dataKey?: unknown }) => keys.indexOf(String(item.dataKey));
}
