"use client";

import * as React from "react";
import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { toast } from "sonner";
import { restoreRevocationAction } from "@/app/(dashboard)/workflows/[id]/revoke-actions";
import type { RevokeOutcome } from "@/lib/domain/revocation/revoke-access";
import type { AccessMap } from "@/lib/domain/workflows/get-access-map";
import type { ActionResult } from "@/lib/server/action";
import { UNDO_WINDOW_MS } from "@/lib/validation/common";
import { type PriorStatuses, type RevokeTargets, applyRevoked, revertRevoked } from "./optimistic";

export const DEFAULT_REVOKE_REASON = "Revoked from the shared view";
export const REVOKE_MUTATION_KEY = ["revoke"] as const;

export type UseRevokeOptions<V> = {
  /** The server action that revokes. */
  run: (vars: V) => Promise<ActionResult<RevokeOutcome>>;
  /** What the toasts call the target: "Entitlement" → "Entitlement revoked". */
  noun: string;
  /** A line under the toast title naming what was revoked. */
  describe?: (vars: V) => string | undefined;
  /** The access map to update at once, and which of its rows this revoke touches. */
  cache?: { queryKey: QueryKey; targets: (map: AccessMap, vars: V) => RevokeTargets };
  onRevoked?: (outcome: RevokeOutcome) => void;
};

type Context = { prior: PriorStatuses | null };

/**
 * One-click revoke: optimistic in the cache (rolled back on error), then a
 * toast whose Undo restores the revocation for as long as the domain allows.
 */
export function useRevoke<V>({ run, noun, describe, cache, onRevoked }: UseRevokeOptions<V>) {
  const queryClient = useQueryClient();
  const undo = useUndo(cache?.queryKey);

  return useMutation<RevokeOutcome, Error, V, Context>({
    mutationKey: REVOKE_MUTATION_KEY,
    mutationFn: async (vars) => {
      const result = await run(vars);
      if (!result.ok) throw new Error(result.error);
      return result.data;
    },
    onMutate: async (vars) => {
      if (!cache) return { prior: null };
      await queryClient.cancelQueries({ queryKey: cache.queryKey });
      const current = queryClient.getQueryData<AccessMap>(cache.queryKey);
      if (!current) return { prior: null };
      const { next, prior } = applyRevoked(current, cache.targets(current, vars));
      queryClient.setQueryData(cache.queryKey, next);
      return { prior };
    },
    onError: (error, _vars, context) => {
      const prior = context?.prior;
      if (cache && prior) queryClient.setQueryData<AccessMap>(cache.queryKey, (map) => (map ? revertRevoked(map, prior) : map));
      toast.error(`${noun} not revoked`, { description: error.message });
    },
    onSuccess: (outcome, vars, context) => {
      onRevoked?.(outcome);
      const revocationId = outcome.revocationId;
      if (!outcome.revoked || !revocationId) {
        toast.info(`${noun} was already revoked`, { description: describe?.(vars) });
        return;
      }
      toast.success(`${noun} revoked`, {
        description: describe?.(vars) ?? summary(outcome),
        duration: UNDO_WINDOW_MS,
        action: { label: "Undo", onClick: () => void undo(revocationId, context?.prior ?? null) },
      });
    },
    onSettled: () => (cache ? queryClient.invalidateQueries({ queryKey: cache.queryKey }) : undefined),
  });
}

/** Restores one revocation; after the window the domain answers 409 and the toast says what to do instead. */
export function useUndo(queryKey: QueryKey | undefined) {
  const queryClient = useQueryClient();
  return React.useCallback(
    async (revocationId: string, prior: PriorStatuses | null) => {
      const result = await restoreRevocationAction({ id: revocationId });
      if (!result.ok) {
        toast.error("Undo failed", { description: result.error });
        return;
      }
      const { status, message } = result.data;
      if (status === "restored" && queryKey && prior) {
        queryClient.setQueryData<AccessMap>(queryKey, (map) => (map ? revertRevoked(map, prior) : map));
      }
      if (queryKey) void queryClient.invalidateQueries({ queryKey });
      if (status === "restored") toast.success("Access restored", { description: "The revocation was undone and the hooks were told." });
      else if (status === "already_restored") toast.info("That revocation was already undone");
      else if (status === "window_passed") toast.error("The undo window has passed; request the access again");
      else toast.error("Could not undo", { description: message ?? undefined });
    },
    [queryClient, queryKey],
  );
}

function summary(outcome: RevokeOutcome): string {
  const parts = [plural(outcome.entitlements, "entitlement"), plural(outcome.credentials, "credential")];
  const hooks = outcome.deliveries ? `${plural(outcome.deliveries, "hook delivery", "hook deliveries")} queued` : "no hook to tell";
  return `${parts.join(" and ")} revoked; ${hooks}.`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
