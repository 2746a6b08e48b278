"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { z } from "zod";
import type { ActionResult } from "@/lib/server/action";
import type { WorkflowChangeImpact } from "@/lib/domain/workflows/update-workflow";
import { createWorkflowInput, updateWorkflowInput } from "@/lib/validation/workflows";
import { createWorkflowAction, previewWorkflowUpdateAction, updateWorkflowAction } from "@/app/(dashboard)/workflows/actions";
import { type PathErrors, type WorkflowFormValues, changedFields, pathErrors, toInput } from "./workflow-form-model";

export type SubmitMode =
  | { mode: "create" }
  | { mode: "edit"; workflowId: string; initial: WorkflowFormValues; may: { editBusiness: boolean; editTechnical: boolean } };

// The schema lets an empty vendor mean "not vendor-managed"; a ticked box with no name is a mistake, not that.
function vendorErrors(values: WorkflowFormValues): PathErrors {
  return values.vendorManaged && !values.vendor.trim() ? { vendor: ["Name the vendor whose tooling runs this workflow"] } : {};
}

/**
 * Create: validate → save → open the workflow. Edit: validate → dry run →
 * show the impact → save. Client validation uses the same zod schemas as the
 * server, whose field errors land on the same paths.
 */
export function useWorkflowSubmit(options: SubmitMode) {
  const router = useRouter();
  const [errors, setErrors] = React.useState<PathErrors>({});
  const [serverError, setServerError] = React.useState<string | null>(null);
  // Bumped on each failed attempt, so focus moves to the first invalid field then and not while the user edits rows.
  const [failedAttempts, setFailedAttempts] = React.useState(0);
  const [review, setReview] = React.useState<{
    body: Record<string, unknown>;
    values: WorkflowFormValues;
    impact: WorkflowChangeImpact;
  } | null>(null);
  const [pending, startTransition] = React.useTransition();
  const [saving, startSaving] = React.useTransition();

  function fail(result: Extract<ActionResult<unknown>, { ok: false }>, values: WorkflowFormValues) {
    setErrors(pathErrors(result.fieldErrors, values));
    setServerError(result.error);
    setFailedAttempts((n) => n + 1);
    toast.error(result.error);
  }

  function check(parsed: { success: true } | { success: false; error: z.ZodError }, values: WorkflowFormValues): boolean {
    const found = { ...(parsed.success ? {} : pathErrors(parsed.error, values)), ...vendorErrors(values) };
    setErrors(found);
    setServerError(null);
    const ok = Object.keys(found).length === 0;
    if (!ok) setFailedAttempts((n) => n + 1);
    return ok;
  }

  function run(values: WorkflowFormValues, reason: string) {
    if (options.mode === "create") {
      const body = toInput(values);
      if (!check(createWorkflowInput.safeParse(body), values)) return;
      startTransition(async () => {
        const result = await createWorkflowAction(body);
        if (!result.ok) return fail(result, values);
        toast.success(`Saved “${result.data.name}” as a draft.`);
        router.push(`/workflows/${result.data.id}`);
      });
      return;
    }

    const changes = changedFields(values, options.initial, options.may);
    if (Object.keys(changes).length === 0) {
      setErrors({});
      toast.info("Nothing has changed yet.");
      return;
    }
    const body = { ...changes, reason: reason.trim() || undefined };
    if (!check(updateWorkflowInput.safeParse(body), values)) return;
    startTransition(async () => {
      const result = await previewWorkflowUpdateAction({ id: options.workflowId, ...body });
      if (!result.ok) return fail(result, values);
      setReview({ body, values, impact: result.data });
    });
  }

  function confirm() {
    if (options.mode !== "edit" || !review) return;
    const { workflowId } = options;
    startSaving(async () => {
      const result = await updateWorkflowAction({ id: workflowId, ...review.body });
      if (!result.ok) {
        setReview(null);
        return fail(result, review.values);
      }
      toast.success(`Saved changes to “${result.data.name}”.`);
      router.push(`/workflows/${workflowId}`);
    });
  }

  return {
    errors,
    setErrors,
    serverError,
    failedAttempts,
    pending,
    saving,
    impact: review?.impact ?? null,
    run,
    confirm,
    cancelReview: () => setReview(null),
  };
}
