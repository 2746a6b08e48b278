import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { FilterForm } from "@/components/lists/list-controls";

export const AUDIT_FILTER_KEYS = ["actor", "action", "targetType", "targetId", "from", "to"] as const;
export type AuditFilterKey = (typeof AUDIT_FILTER_KEYS)[number];
export type AuditFilterValues = Partial<Record<AuditFilterKey, string>>;

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * A datetime-local value carries no zone; the page shows every time in UTC, so
 * it is read as UTC. Full RFC 3339 values (from shared or API-style links) pass
 * through, and anything else is left for the schema to reject by name.
 */
export function toRfc3339Utc(value: string): string {
  if (!LOCAL_DATE_TIME.test(value)) return value;
  return `${value.length === 16 ? `${value}:00` : value}Z`;
}

/** The value a datetime-local input can show for a filter, in UTC. */
function toDateTimeLocal(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (LOCAL_DATE_TIME.test(value)) return value.slice(0, 16);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 16);
}

export type AuditFiltersProps = {
  values: AuditFilterValues;
  errors: Partial<Record<AuditFilterKey, string[]>>;
};

export function AuditFilters({ values, errors }: AuditFiltersProps) {
  const active = AUDIT_FILTER_KEYS.some((key) => values[key]);
  return (
    <FilterForm label="Filter audit events" pathname="/audit" active={active}>
      <Field label="Actor" htmlFor="audit-actor" error={errors.actor} className="w-full sm:w-52">
        <Input name="actor" defaultValue={values.actor} placeholder="e-mail or system:job" autoComplete="off" />
      </Field>
      <Field label="Action starts with" htmlFor="audit-action" error={errors.action} className="w-full sm:w-44">
        <Input name="action" defaultValue={values.action} placeholder="entitlement." className="font-mono" autoComplete="off" />
      </Field>
      <Field label="Target type" htmlFor="audit-target-type" error={errors.targetType} className="w-full sm:w-36">
        <Input name="targetType" defaultValue={values.targetType} placeholder="workflow" autoComplete="off" />
      </Field>
      <Field label="Target id" htmlFor="audit-target-id" error={errors.targetId} className="w-full sm:w-52">
        <Input name="targetId" defaultValue={values.targetId} className="font-mono" autoComplete="off" />
      </Field>
      <Field label="From (UTC)" htmlFor="audit-from" error={errors.from} className="w-full sm:w-56">
        <Input type="datetime-local" name="from" defaultValue={toDateTimeLocal(values.from)} />
      </Field>
      <Field label="To (UTC)" htmlFor="audit-to" error={errors.to} className="w-full sm:w-56">
        <Input type="datetime-local" name="to" defaultValue={toDateTimeLocal(values.to)} />
      </Field>
    </FilterForm>
  );
}
