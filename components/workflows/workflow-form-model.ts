import type { z } from "zod";
import type { WorkflowDetail } from "@/lib/domain/workflows/get-workflow";
import type { autonomyLevel, dataAction } from "@/lib/validation/workflows";

export type DataAction = z.infer<typeof dataAction>;
export type Autonomy = z.infer<typeof autonomyLevel>;

/** `inactive` marks a deactivated person still saved on the workflow, shown so the form does not silently drop them. */
export type UserOption = { id: string; name: string; email: string; roles: readonly string[]; inactive?: boolean };
export type DataSetOption = { id: string; name: string; system: string; sensitivity: string; environment: string };

/** Rows carry a stable key so React keeps focus and input state on the right row when rows move. */
export type ApprovedRow = { key: string; dataSetId: string; actions: DataAction[]; justification: string };
export type Line = { key: string; value: string };

/** What the form edits: strings as typed, converted to the schema's shape only on submit. */
export type WorkflowFormValues = {
  name: string;
  purpose: string;
  dataSets: ApprovedRow[];
  escalationPath: Line[];
  exceptionConditions: Line[];
  autonomy: Autonomy;
  vendorManaged: boolean;
  vendor: string;
  identityOwnerId: string;
  reviewCadenceDays: string;
};

/** Messages keyed by the full field path ("dataSets.0.justification"), as zod and the server report them. */
export type PathErrors = Record<string, string[]>;

let sequence = 0;
export const newKey = () => `row-${++sequence}`;

export const newApprovedRow = (): ApprovedRow => ({ key: newKey(), dataSetId: "", actions: ["read"], justification: "" });
export const newLine = (value = ""): Line => ({ key: newKey(), value });

/** A new workflow starts with one data set row to fill in, unless there is no data set to pick. */
export function emptyValues(withFirstRow = true): WorkflowFormValues {
  return {
    name: "",
    purpose: "",
    dataSets: withFirstRow ? [newApprovedRow()] : [],
    escalationPath: [],
    exceptionConditions: [],
    autonomy: "assistive",
    vendorManaged: false,
    vendor: "",
    identityOwnerId: "",
    reviewCadenceDays: "",
  };
}

export function valuesFromWorkflow(w: WorkflowDetail): WorkflowFormValues {
  return {
    name: w.name,
    purpose: w.purpose,
    dataSets: w.dataSets.map((d) => ({ key: newKey(), dataSetId: d.dataSetId, actions: [...d.actions], justification: d.justification })),
    escalationPath: w.escalationPath.map((s) => newLine(s.id)),
    exceptionConditions: w.exceptionConditions.map((c) => newLine(c)),
    autonomy: w.autonomy,
    vendorManaged: w.vendor !== null,
    vendor: w.vendor ?? "",
    identityOwnerId: w.identityOwnerId ?? "",
    reviewCadenceDays: w.reviewCadenceDays === null ? "" : String(w.reviewCadenceDays),
  };
}

/** The body for createWorkflowInput; the same fields feed updateWorkflowInput. */
export function toInput(v: WorkflowFormValues) {
  const cadence = v.reviewCadenceDays.trim();
  return {
    name: v.name,
    purpose: v.purpose,
    identityOwnerId: v.identityOwnerId || null,
    autonomy: v.autonomy,
    vendor: v.vendorManaged ? v.vendor : null,
    escalationPath: v.escalationPath.map((s) => s.value),
    exceptionConditions: v.exceptionConditions.map((c) => c.value),
    dataSets: v.dataSets.map((d) => ({ dataSetId: d.dataSetId, actions: d.actions, justification: d.justification })),
    reviewCadenceDays: cadence === "" ? null : Number(cadence),
  };
}

type Input = ReturnType<typeof toInput>;
const BUSINESS_FIELDS = ["name", "purpose", "autonomy", "vendor", "escalationPath", "exceptionConditions", "dataSets"] as const;
const TECHNICAL_FIELDS = ["identityOwnerId", "reviewCadenceDays"] as const;

/**
 * Only changed fields the caller may edit: the domain refuses a technical
 * field from a business owner even when its value is unchanged, and a
 * minimal change keeps the audit event honest about what moved.
 */
export function changedFields(current: WorkflowFormValues, initial: WorkflowFormValues, may: { editBusiness: boolean; editTechnical: boolean }) {
  const next = toInput(current);
  const before = toInput(initial);
  const allowed = [...(may.editBusiness ? BUSINESS_FIELDS : []), ...(may.editTechnical ? TECHNICAL_FIELDS : [])];
  const changes: Partial<Input> = {};
  for (const field of allowed) {
    if (JSON.stringify(next[field]) !== JSON.stringify(before[field])) Object.assign(changes, { [field]: next[field] });
  }
  return changes;
}

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

export function pathErrors(source: z.ZodError | Record<string, string[]> | undefined, values?: WorkflowFormValues): PathErrors {
  if (!source) return {};
  const entries =
    source instanceof Error
      ? source.issues.map((i) => [i.path.map(String).join(".") || "form", i.message] as const)
      : Object.entries(source).flatMap(([path, messages]) => messages.map((m) => [path, m] as const));
  const out: PathErrors = {};
  for (const [path, message] of entries) (out[path] ??= []).push(sentence(friendlier(path, message, values)));
  return out;
}

// An unpicked select fails the uuid check; "must be a UUID" means nothing to the person filling the form.
function friendlier(path: string, message: string, values?: WorkflowFormValues): string {
  const dataSet = /^dataSets\.(\d+)\.dataSetId$/.exec(path);
  if (dataSet && values?.dataSets[Number(dataSet[1])]?.dataSetId === "") return "choose a data set";
  const step = /^escalationPath\.(\d+)$/.exec(path);
  if (step && values?.escalationPath[Number(step[1])]?.value === "") return "choose a person or remove this step";
  return message;
}

/** Errors under a list field shift when rows move, so they are dropped rather than shown on the wrong row. */
export function withoutErrorsUnder(errors: PathErrors, field: string): PathErrors {
  return Object.fromEntries(Object.entries(errors).filter(([path]) => path !== field && !path.startsWith(`${field}.`)));
}

const PLACED = /^(name|purpose|autonomy|vendor|identityOwnerId|reviewCadenceDays|reason|dataSets(\.\d+\.(dataSetId|actions|justification))?|escalationPath(\.\d+)?|exceptionConditions(\.\d+)?)$/;

/** Messages no control shows inline (e.g. a server rule about the business owner), for the form's summary. */
export function unplacedErrors(errors: PathErrors): string[] {
  return Object.entries(errors)
    .filter(([path]) => !PLACED.test(path))
    .flatMap(([path, messages]) => messages.map((m) => (path === "form" ? m : `${path}: ${m}`)));
}

export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

export function dataSetLabel(d: Pick<DataSetOption, "name" | "sensitivity" | "environment">): string {
  return `${d.name} · ${d.sensitivity} · ${d.environment}`;
}
