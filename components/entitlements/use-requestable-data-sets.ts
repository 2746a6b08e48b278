"use client";

import * as React from "react";
import { type RequestableDataSet, requestOptionsAction } from "@/app/(dashboard)/requests/actions";

export type RequestableState =
  | { status: "idle" }
  | { status: "loading"; workflowId: string }
  | { status: "ready"; workflowId: string; dataSets: RequestableDataSet[] }
  | { status: "error"; workflowId: string; message: string };

/**
 * Loads a workflow's approved data sets on demand. Only the answer for the
 * workflow chosen last is kept, so a slow reply for an earlier choice cannot
 * overwrite the current one.
 */
export function useRequestableDataSets() {
  const [state, setState] = React.useState<RequestableState>({ status: "idle" });
  const latest = React.useRef<string | null>(null);

  const load = React.useCallback(async (workflowId: string) => {
    latest.current = workflowId;
    if (!workflowId) return setState({ status: "idle" });
    setState({ status: "loading", workflowId });
    const result = await requestOptionsAction({ workflowId });
    if (latest.current !== workflowId) return;
    setState(
      result.ok
        ? { status: "ready", workflowId, dataSets: result.data.dataSets }
        : { status: "error", workflowId, message: result.error },
    );
  }, []);

  const reset = React.useCallback(() => {
    latest.current = null;
    setState({ status: "idle" });
  }, []);

  return { state, load, reset };
}
