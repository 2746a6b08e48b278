"use client";

import * as React from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getAccessMapAction } from "@/app/(dashboard)/workflows/[id]/revoke-actions";
import { REVOKE_MUTATION_KEY } from "@/components/revocation/use-revoke";
import { sharedViewKeys } from "./query-keys";
import type { AccessMap } from "./types";

/**
 * The shared view's one query. The server render is the first paint; a newer
 * server render (after navigation or a revalidating action) replaces the cache
 * unless a revoke is in flight, whose optimistic rows must not flicker back.
 */
export function useAccessMap(initial: AccessMap) {
  const workflowId = initial.workflow.id;
  const queryKey = sharedViewKeys.accessMap(workflowId);
  const queryClient = useQueryClient();

  React.useEffect(() => {
    if (queryClient.isMutating({ mutationKey: REVOKE_MUTATION_KEY }) > 0) return;
    queryClient.setQueryData(sharedViewKeys.accessMap(initial.workflow.id), initial);
  }, [initial, queryClient]);

  const query = useQuery({
    queryKey,
    queryFn: async () => {
      const result = await getAccessMapAction({ workflowId });
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    initialData: initial,
  });
  return { map: query.data, queryKey, isFetching: query.isFetching, error: query.error };
}
