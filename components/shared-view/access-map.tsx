"use client";

import "@xyflow/react/dist/style.css";
import * as React from "react";
import { Controls, ReactFlow } from "@xyflow/react";
import { useTheme } from "next-themes";
import { buildGraph, EDGE_TONES, type EdgeTone } from "./access-map-graph";
import { SharedSection } from "./shared-badges";
import type { AccessMap } from "./types";
import { useAccessMap } from "./use-access-map";

const FLOW_VARS = {
  "--xy-background-color": "var(--card)",
  "--xy-edge-label-background-color": "var(--card)",
  "--xy-edge-label-color": "var(--foreground)",
  "--xy-controls-button-background-color": "var(--card)",
  "--xy-controls-button-background-color-hover": "var(--accent)",
  "--xy-controls-button-color": "var(--foreground)",
  "--xy-controls-button-color-hover": "var(--foreground)",
  "--xy-controls-button-border-color": "var(--border)",
  "--xy-attribution-background-color": "transparent",
} as React.CSSProperties;

const READ_ONLY = "Read-only map; the list after it describes every connection in words.";
const ARIA_LABELS = {
  "node.a11yDescription.default": READ_ONLY,
  "node.a11yDescription.keyboardDisabled": READ_ONLY,
  "edge.a11yDescription.default": READ_ONLY,
  "controls.ariaLabel": "Map zoom controls",
};

/** Workflow → NHIs it runs as → data sets they may touch, coloured by status and risk. Read-only. */
export function AccessMapView({ initial }: { initial: AccessMap }) {
  const { map } = useAccessMap(initial);
  const { resolvedTheme } = useTheme();
  const { nodes, edges, texts } = React.useMemo(() => buildGraph(map), [map]);
  const descriptionId = `sv-map-${map.workflow.id}-edges`;

  return (
    <SharedSection
      id="sv-access-map"
      title="Access map"
      description="Left to right: the workflow, the NHIs it runs as, and the data sets each NHI may touch. Edges carry the allowed actions."
    >
      {map.identities.length === 0 ? (
        <p className="rounded-md border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">
          No workload identity is bound yet — identity owners bind NHIs from the NHI page.
        </p>
      ) : (
        <div className="grid gap-2">
          <div
            role="group"
            aria-label={`Access map of ${map.workflow.name}`}
            aria-describedby={descriptionId}
            className="h-[420px] overflow-hidden rounded-lg border border-border bg-card"
          >
            <ReactFlow
              nodes={nodes}
              edges={edges}
              colorMode={resolvedTheme === "dark" ? "dark" : "light"}
              style={FLOW_VARS}
              fitView
              fitViewOptions={{ padding: 0.15 }}
              minZoom={0.3}
              maxZoom={2}
              nodesDraggable={false}
              nodesConnectable={false}
              nodesFocusable={false}
              edgesFocusable={false}
              elementsSelectable={false}
              zoomOnScroll={false}
              preventScrolling={false}
              zoomOnDoubleClick={false}
              disableKeyboardA11y
              ariaLabelConfig={ARIA_LABELS}
              className="[&_.react-flow__handle]:opacity-0"
            >
              <Controls showInteractive={false} position="bottom-left" />
            </ReactFlow>
          </div>
          <Legend />
          <div id={descriptionId} className="sr-only">
            <p>
              {map.identities.length} NHIs and {map.dataSets.length} data sets. Connections:
            </p>
            <ul>
              {texts.map((t) => (
                <li key={t.id}>{t.text}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </SharedSection>
  );
}

function Legend() {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1.5 text-xs text-muted-foreground">
      {(Object.keys(EDGE_TONES) as EdgeTone[]).map((tone) => {
        const t = EDGE_TONES[tone];
        return (
          <li key={tone} className="flex items-center gap-1.5">
            <svg aria-hidden="true" width="28" height="8" className="shrink-0">
              <line x1="0" y1="4" x2="28" y2="4" stroke={t.stroke} strokeWidth={t.width} strokeDasharray={t.dash} strokeLinecap="round" />
            </svg>
            {t.label}
          </li>
        );
      })}
      <li className="flex items-center gap-1.5">
        <svg aria-hidden="true" width="28" height="8" className="shrink-0">
          <line x1="0" y1="4" x2="28" y2="4" stroke="var(--input)" strokeWidth={1.5} />
        </svg>
        Runs as (binding)
      </li>
    </ul>
  );
}
