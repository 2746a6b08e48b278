import { type Edge, type Node, Position } from "@xyflow/react";
import type { AccessMap, MapEntitlement } from "./types";

const COLUMN_X = { workflow: 0, nhi: 320, dataSet: 640 } as const;
const ROW_GAP = 76;
const NODE_WIDTH = 190;

/** How an entitlement edge looks and reads; the legend and the text alternative use the same words. */
export type EdgeTone = "high" | "medium" | "low" | "pending" | "ended";

export const EDGE_TONES: Record<EdgeTone, { label: string; stroke: string; dash?: string; width: number }> = {
  high: { label: "Active, high risk", stroke: "var(--danger)", width: 2.5 },
  medium: { label: "Active, medium risk", stroke: "var(--warning)", width: 2 },
  low: { label: "Active, low risk", stroke: "var(--success)", width: 1.5 },
  pending: { label: "Pending approval", stroke: "var(--muted-foreground)", dash: "6 4", width: 1.5 },
  ended: { label: "Revoked or expired", stroke: "var(--muted-foreground)", dash: "1 5", width: 1.5 },
};

export function toneOf(e: Pick<MapEntitlement, "status" | "risk">): EdgeTone {
  if (e.status === "active") return e.risk;
  if (e.status === "pending") return "pending";
  return "ended";
}

const LIVENESS: Record<MapEntitlement["status"], number> = { active: 0, pending: 1, expired: 2, revoked: 3, denied: 4 };

export type GraphEdgeText = { id: string; text: string };

/** Nodes at fixed column positions, each column centred and sorted by name, so the map never jumps. */
function column<T extends { id: string; name: string }>(items: T[], x: number) {
  const sorted = [...items].sort((a, b) => a.name.localeCompare(b.name));
  return sorted.map((item, i) => ({ item, position: { x, y: (i - (sorted.length - 1) / 2) * ROW_GAP } }));
}

const nodeStyle = (border: string, dashed = false) => ({
  width: NODE_WIDTH,
  background: "var(--card)",
  color: "var(--card-foreground)",
  border: `1px ${dashed ? "dashed" : "solid"} ${border}`,
  borderRadius: 8,
  fontSize: 12,
  padding: "8px 10px",
});

export function buildGraph(map: AccessMap): { nodes: Node[]; edges: Edge[]; texts: GraphEdgeText[] } {
  const identities = new Map(map.identities.map((i) => [i.id, { id: i.id, name: i.name, status: i.status, privileged: i.classification === "privileged" }]));
  for (const e of map.entitlements) {
    if (!identities.has(e.nhiId)) identities.set(e.nhiId, { id: e.nhiId, name: "Unbound NHI", status: "active", privileged: false });
  }

  // One edge per NHI and data set: the most live grant speaks for the pair.
  const byPair = new Map<string, MapEntitlement>();
  for (const e of map.entitlements) {
    const key = `${e.nhiId}:${e.dataSetId}`;
    const seen = byPair.get(key);
    if (!seen || LIVENESS[e.status] < LIVENESS[seen.status]) byPair.set(key, e);
  }

  const nodes: Node[] = [
    {
      id: `wf:${map.workflow.id}`,
      type: "input",
      position: { x: COLUMN_X.workflow, y: 0 },
      sourcePosition: Position.Right,
      data: { label: `${map.workflow.name} (workflow)` },
      style: { ...nodeStyle("var(--primary)"), fontWeight: 600 },
    },
    ...column([...identities.values()], COLUMN_X.nhi).map(({ item, position }) => ({
      id: `nhi:${item.id}`,
      position,
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
      data: { label: `${item.name}${item.status === "active" ? "" : ` (${item.status})`}${item.privileged ? " · privileged" : ""}` },
      style: nodeStyle(item.status === "active" ? "var(--border)" : "var(--warning)", item.status !== "active"),
    })),
    ...column(map.dataSets, COLUMN_X.dataSet).map(({ item, position }) => ({
      id: `ds:${item.id}`,
      type: "output",
      position,
      targetPosition: Position.Left,
      data: { label: `${item.name} · ${item.sensitivity}` },
      style: nodeStyle(item.sensitivity === "restricted" ? "var(--danger)" : "var(--border)"),
    })),
  ];

  const texts: GraphEdgeText[] = [];
  const edges: Edge[] = map.identities.map((i) => {
    texts.push({ id: `bind:${i.id}`, text: `${map.workflow.name} runs as ${i.name}.` });
    return {
      id: `bind:${i.id}`,
      source: `wf:${map.workflow.id}`,
      target: `nhi:${i.id}`,
      style: { stroke: "var(--input)", strokeWidth: 1.5 },
    };
  });
  for (const e of byPair.values()) {
    const tone = EDGE_TONES[toneOf(e)];
    const nhi = identities.get(e.nhiId)?.name ?? "Unbound NHI";
    texts.push({ id: `ent:${e.id}`, text: `${nhi} may ${e.actions.join(", ")} ${e.dataSetName}: ${tone.label.toLowerCase()}.` });
    edges.push({
      id: `ent:${e.id}`,
      source: `nhi:${e.nhiId}`,
      target: `ds:${e.dataSetId}`,
      label: e.actions.join(", "),
      animated: false,
      style: { stroke: tone.stroke, strokeWidth: tone.width, strokeDasharray: tone.dash },
      labelStyle: { fill: "var(--foreground)", fontSize: 11, fontFamily: "var(--font-mono, monospace)" },
      labelBgStyle: { fill: "var(--card)" },
      labelBgPadding: [4, 2],
      labelBgBorderRadius: 4,
    });
  }
  return { nodes, edges, texts };
}
