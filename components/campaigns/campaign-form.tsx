"use client";

import * as React from "react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { createCampaignAction } from "@/app/(dashboard)/campaigns/actions";
import { CheckboxGroup, type FieldErrors, fieldErrorsOf, focusFirstInvalid } from "@/components/forms/form-controls";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ErrorMessages, Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Textarea } from "@/components/ui/textarea";
import { SCOPE_CHOICES, createCampaignInput } from "@/lib/validation/campaigns";

const { autonomy: AUTONOMY_LEVELS, classification: CLASSIFICATIONS, environment: ENVIRONMENTS, provider: PROVIDERS, sensitivity: SENSITIVITIES } = SCOPE_CHOICES;

type Person = { id: string; name: string; email: string };
type Stage = "business_owner" | "identity_owner";

const label = (v: string) => v.charAt(0).toUpperCase() + v.slice(1).replace(/_/g, " ");
const opts = <T extends string>(values: readonly T[]) => values.map((value) => ({ value, label: label(value) }));

/** Default due date: a quarter's review window of 30 days, at the end of that UTC day. */
function defaultDue(): string {
  return new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
}

/**
 * New campaign: scope filters (empty = every active entitlement), stages in
 * order, due date and what happens to undecided items at close. Checked with
 * the shared schema before it is sent, and again on the server.
 */
export function CampaignForm({ people }: { people: Person[] }) {
  const router = useRouter();
  const formRef = React.useRef<HTMLFormElement>(null);
  const [pending, startTransition] = React.useTransition();
  const [errors, setErrors] = React.useState<FieldErrors>({});
  const [name, setName] = React.useState("");
  const [description, setDescription] = React.useState("");
  const [autonomy, setAutonomy] = React.useState<(typeof AUTONOMY_LEVELS)[number][]>([]);
  const [classification, setClassification] = React.useState<(typeof CLASSIFICATIONS)[number][]>([]);
  const [provider, setProvider] = React.useState<(typeof PROVIDERS)[number][]>([]);
  const [sensitivity, setSensitivity] = React.useState<(typeof SENSITIVITIES)[number][]>([]);
  const [environment, setEnvironment] = React.useState<(typeof ENVIRONMENTS)[number][]>([]);
  const [ownerId, setOwnerId] = React.useState("");
  const [stages, setStages] = React.useState<Stage[]>(["business_owner", "identity_owner"]);
  const [due, setDue] = React.useState(defaultDue);
  const [nonResponse, setNonResponse] = React.useState<"keep" | "revoke">("keep");

  React.useEffect(() => {
    if (!pending) focusFirstInvalid(formRef.current);
  }, [errors, pending]);

  function input() {
    return {
      name,
      description: description.trim() || undefined,
      scope: { autonomy, classification, provider, sensitivity, environment, ownerId: ownerId || undefined },
      stages,
      dueAt: due ? `${due}T23:59:59.000Z` : "",
      nonResponse,
    };
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = createCampaignInput.safeParse(input());
    if (!parsed.success) return setErrors(fieldErrorsOf(parsed.error));
    setErrors({});
    startTransition(async () => {
      const result = await createCampaignAction(input());
      if (!result.ok) {
        setErrors(fieldErrorsOf(result.fieldErrors));
        toast.error(result.error);
        return;
      }
      toast.success(`Campaign “${result.data.name}” created as a draft. Launch it to freeze the population.`);
      router.push(`/campaigns/${result.data.id}`);
    });
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate className="grid max-w-3xl gap-6">
      <Card>
        <CardHeader>
          <CardTitle>Campaign</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4">
          <Field label="Name" htmlFor="campaign-name" error={errors.name} required>
            <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="Q1 2027 access review" maxLength={200} />
          </Field>
          <Field label="Description" htmlFor="campaign-description" error={errors.description} hint="Optional: what this review is for (e.g. SOX quarterly attestation).">
            <Textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={2} maxLength={2000} />
          </Field>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Scope</CardTitle>
          <CardDescription>Every active entitlement matching all the ticked filters is reviewed. Leave a group empty to include any value.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-5 sm:grid-cols-2">
          <CheckboxGroup id="scope-autonomy" legend="Workflow autonomy" options={opts(AUTONOMY_LEVELS)} value={autonomy} onChange={setAutonomy} error={errors.scope} />
          <CheckboxGroup id="scope-classification" legend="NHI classification" options={opts(CLASSIFICATIONS)} value={classification} onChange={setClassification} />
          <CheckboxGroup id="scope-sensitivity" legend="Data set sensitivity" options={opts(SENSITIVITIES)} value={sensitivity} onChange={setSensitivity} />
          <CheckboxGroup id="scope-environment" legend="Data set environment" options={opts(ENVIRONMENTS)} value={environment} onChange={setEnvironment} />
          <CheckboxGroup id="scope-provider" legend="NHI provider" options={opts(PROVIDERS)} value={provider} onChange={setProvider} className="sm:col-span-2 sm:grid-cols-3" />
          <Field
            label="Owner"
            htmlFor="scope-owner"
            className="sm:col-span-2"
            hint="Only entitlements this person is accountable for: as the workflow's business owner, the workflow's identity owner or the NHI's owner."
          >
            <Select value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              <option value="">Anyone</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.email})
                </option>
              ))}
            </Select>
          </Field>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>Stages, due date and non-response</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-5">
          <CheckboxGroup
            id="campaign-stages"
            legend="Stages (in this order; a revoke at any stage ends the review of that entitlement)"
            options={[
              { value: "business_owner" as const, label: "Business owner", hint: "Attests the workflow still needs this access." },
              { value: "identity_owner" as const, label: "Identity owner", hint: "Confirms the grant is technically right (identity, data set, actions)." },
            ]}
            value={stages}
            onChange={setStages}
            error={errors.stages}
          />
          <Field label="Due date" htmlFor="campaign-due" error={errors.dueAt} required hint="Reviews are due at the end of this day (UTC).">
            <Input type="date" value={due} onChange={(e) => setDue(e.target.value)} className="w-48" />
          </Field>
          <fieldset className="grid gap-2" aria-describedby={errors.nonResponse ? "campaign-nonresponse-error" : undefined}>
            <legend className="mb-1 text-sm font-medium">When an item is still undecided at close</legend>
            {(
              [
                ["keep", "Keep the access", "Recorded as non-response; the entitlement stays active."],
                ["revoke", "Revoke the access", "Recorded as non-response and revoked for real: credentials, runtime decisions and hooks, as a Revoke click."],
              ] as const
            ).map(([value, title, hint]) => (
              <div key={value} className="flex items-start gap-2.5">
                <input
                  type="radio"
                  id={`campaign-nonresponse-${value}`}
                  name="nonResponse"
                  value={value}
                  checked={nonResponse === value}
                  onChange={() => setNonResponse(value)}
                  aria-describedby={`campaign-nonresponse-${value}-hint`}
                  className="mt-0.5 size-4 accent-primary"
                />
                <div className="grid gap-0.5">
                  <label htmlFor={`campaign-nonresponse-${value}`} className="text-sm leading-tight font-medium">
                    {title}
                  </label>
                  <p id={`campaign-nonresponse-${value}-hint`} className="text-xs text-muted-foreground">
                    {hint}
                  </p>
                </div>
              </div>
            ))}
            {errors.nonResponse ? <ErrorMessages id="campaign-nonresponse-error" messages={errors.nonResponse} /> : null}
          </fieldset>
        </CardContent>
      </Card>

      {errors.form ? <ErrorMessages id="campaign-form-error" messages={errors.form} /> : null}
      <div className="flex gap-2">
        <Button type="submit" loading={pending}>
          Create campaign
        </Button>
        <Button type="button" variant="outline" onClick={() => router.push("/campaigns")} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
