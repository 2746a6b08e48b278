import type { z } from "zod";
import type { CheckboxOption } from "@/components/forms/form-controls";
import { type CreateHookInput, hookEventType } from "@/lib/validation/hooks";

export type HookFormat = CreateHookInput["format"];
export type HookEventType = z.infer<typeof hookEventType>;
export type DeliveryStatus = "pending" | "succeeded" | "failed";

export const HOOK_EVENT_TYPES = hookEventType.options;

const EVENT_HINTS: Record<HookEventType, string> = {
  "entitlement.revoked": "One identity lost its access to one data set.",
  "entitlement.restored": "A revoke was undone within its 30-second window; the access is back as it was.",
  "credential.revoked": "A secret, token or certificate was revoked; stop accepting it.",
  "identity.revoked": "An NHI was suspended along with all of its entitlements and credentials.",
  "workflow.retired": "A workflow was offboarded; everything it held is revoked.",
  "workflow.revoked_all": "The kill switch: every entitlement and credential of a workflow was revoked.",
};

export const EVENT_OPTIONS: readonly CheckboxOption<HookEventType>[] = HOOK_EVENT_TYPES.map((value) => ({
  value,
  label: value,
  hint: EVENT_HINTS[value],
}));

/** Stored events are plain strings; keep only the ones the schema still knows, in its order. */
export function knownEvents(events: readonly string[]): HookEventType[] {
  return HOOK_EVENT_TYPES.filter((e) => events.includes(e));
}

export const FORMAT_LABEL: Record<HookFormat, string> = {
  "standard-webhooks": "Standard Webhooks",
  "caep-set": "CAEP SET",
};

export const JWKS_PATH = "/.well-known/jwks.json";

/** What the hooks table and its row actions need; never a secret. */
export type HookListItem = {
  id: string;
  name: string;
  url: string;
  format: HookFormat;
  events: string[];
  active: boolean;
  disabledReason: string | null;
  rotating: boolean;
  previousSecretValidUntil: Date | null;
  lastDelivery: { status: DeliveryStatus; createdAt: Date; deliveredAt: Date | null } | null;
};
