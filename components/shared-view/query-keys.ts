/** TanStack Query keys of the shared view; one place so revokes invalidate exactly what they change. */
export const sharedViewKeys = {
  all: ["shared-view"] as const,
  accessMap: (workflowId: string) => ["shared-view", "access-map", workflowId] as const,
};
