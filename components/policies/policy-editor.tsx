"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { Save } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { createPolicyAction, createPolicyVersionAction } from "@/app/(dashboard)/policies/actions";

export type PolicyEditorProps =
  | { mode: "create"; initialSource: string }
  /** Saves a new version of `policyId`, starting from the version being viewed. */
  | { mode: "version"; policyId: string; basedOn: number; initialSource: string; initialDescription: string };

type Errors = Record<string, string[] | undefined>;

/**
 * The Cedar source editor. Nothing is validated in the browser: the server
 * parses and validates against the schema on save and its message (with line
 * and column) is shown under the source, so what you see is exactly what
 * would be refused.
 */
export function PolicyEditor(props: PolicyEditorProps) {
  const router = useRouter();
  const [name, setName] = React.useState("");
  const [description, setDescription] = React.useState(props.mode === "version" ? props.initialDescription : "");
  const [source, setSource] = React.useState(props.initialSource);
  const [reason, setReason] = React.useState("");
  const [errors, setErrors] = React.useState<Errors>({});
  const [formError, setFormError] = React.useState<string | null>(null);
  const [pending, startTransition] = React.useTransition();
  const changed = props.mode === "create" || source !== props.initialSource || description !== props.initialDescription;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    startTransition(async () => {
      const result =
        props.mode === "create"
          ? await createPolicyAction({ name, description, source, reason: reason || undefined })
          : await createPolicyVersionAction({ policyId: props.policyId, description, source, reason: reason || undefined });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        if (!result.fieldErrors) setFormError(result.error);
        return;
      }
      toast.success(`Saved as version ${result.data.version} (a draft). Dry-run it against recent decisions before activating it.`);
      // The action revalidated the policy's path, so this navigation renders the new version fresh.
      router.push(`/policies/${result.data.id}?version=${result.data.version}`);
    });
  }

  return (
    <form onSubmit={submit} noValidate className="grid gap-4" aria-busy={pending || undefined}>
      {props.mode === "create" ? (
        <Field label="Name" htmlFor="policy-name" error={errors.name} hint="Lower-case words joined by hyphens. It names the policy in deny messages and cannot change later." required>
          <Input value={name} onChange={(e) => setName(e.target.value)} disabled={pending} autoComplete="off" spellCheck={false} className="font-mono" />
        </Field>
      ) : null}
      <Field label="Description" htmlFor="policy-description" error={errors.description} hint="What the policy protects and why, for reviewers and auditors.">
        <Textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} disabled={pending} />
      </Field>
      <Field
        label="Cedar source"
        htmlFor="policy-source"
        error={errors.source}
        hint="One or more forbid statements over Countersign::Nhi, Countersign::Action and Countersign::DataSet. Validated against the schema on save."
        required
      >
        <Textarea
          value={source}
          onChange={(e) => setSource(e.target.value)}
          rows={16}
          disabled={pending}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          className="font-mono text-[13px] leading-5 whitespace-pre"
          wrap="off"
        />
      </Field>
      <Field label="Reason" htmlFor="policy-reason" error={errors.reason} hint="Recorded in the audit trail with this version.">
        <Input value={reason} onChange={(e) => setReason(e.target.value)} disabled={pending} />
      </Field>
      {formError ? (
        <p role="alert" className="text-sm font-medium text-danger">
          {formError}
        </p>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" loading={pending} disabled={!changed}>
          {pending ? null : <Save aria-hidden="true" />}
          {props.mode === "create" ? "Save as version 1" : "Save as new version"}
        </Button>
        <span className="text-xs text-muted-foreground">
          {props.mode === "create"
            ? "Saved as a draft: it applies to nothing until a version is activated."
            : `Starts from version ${props.basedOn}; saving never edits an existing version.`}
        </span>
      </div>
    </form>
  );
}
