import { z } from "zod";
import { HOOK_EVENT_TYPES, HOOK_FORMATS } from "@/db/schema/enums";
import { pageQuery, reason, text } from "./common";

export const hookEventType = z.enum(HOOK_EVENT_TYPES, { message: `must be one of ${HOOK_EVENT_TYPES.join(", ")}` });

export const createHookInput = z
  .object({
    name: text(120),
    url: z.string().trim().min(1, "is required").max(2000, "must be at most 2000 characters"),
    events: z
      .array(hookEventType)
      .min(1, "subscribe to at least one event")
      .refine((e) => new Set(e).size === e.length, "lists an event twice"),
    format: z.enum(HOOK_FORMATS, { message: `must be one of ${HOOK_FORMATS.join(", ")}` }).default("standard-webhooks"),
  })
  .strict();
export type CreateHookInput = z.infer<typeof createHookInput>;

export const updateHookInput = z
  .object({
    name: text(120).optional(),
    events: z.array(hookEventType).min(1, "subscribe to at least one event").optional(),
    active: z.boolean().optional(),
    reason,
  })
  .strict();
export type UpdateHookInput = z.infer<typeof updateHookInput>;

export const rotateHookSecretInput = z
  .object({ graceHours: z.number().int().min(0).max(168, "must be at most 168 hours").default(24), reason })
  .strict();

export const listDeliveriesQuery = pageQuery.extend({ status: z.enum(["pending", "succeeded", "failed"]).optional() });
