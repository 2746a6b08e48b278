import { FilterForm } from "@/components/lists/list-controls";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

export const DECISION_FILTER_KEYS = ["identityId", "dataSetId", "decision", "from", "to"] as const;
export type DecisionFilterKey = (typeof DECISION_FILTER_KEYS)[number];
export type DecisionFilterValues = Partial<Record<DecisionFilterKey, string>>;

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/** The value a datetime-local input can show for a filter; the page reads and shows every time in UTC. */
function toDateTimeLocal(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (LOCAL_DATE_TIME.test(value)) return value.slice(0, 16);
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString().slice(0, 16);
}

export type DecisionFiltersProps = {
  values: DecisionFilterValues;
  errors: Record<string, string[]>;
  dataSets: { id: string; name: string }[];
};

/**
 * A GET form, so a filtered log is a shareable URL. Identities are filtered by
 * id (there can be hundreds of thousands); the NHI names in the table link to
 * that filter.
 */
export function DecisionFilters({ values, errors, dataSets }: DecisionFiltersProps) {
  const active = DECISION_FILTER_KEYS.some((key) => values[key]);
  return (
    <FilterForm label="Filter decisions" pathname="/decisions" active={active}>
      <Field label="Identity id" htmlFor="decisions-identity" error={errors.identityId} className="w-full sm:w-80">
        <Input name="identityId" defaultValue={values.identityId} placeholder="NHI uuid" className="font-mono" autoComplete="off" />
      </Field>
      <Field label="Data set" htmlFor="decisions-data-set" error={errors.dataSetId} className="w-full sm:w-56">
        <Select name="dataSetId" defaultValue={values.dataSetId ?? ""}>
          <option value="">Any data set</option>
          {dataSets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Decision" htmlFor="decisions-decision" error={errors.decision} className="w-full sm:w-36">
        <Select name="decision" defaultValue={values.decision ?? ""}>
          <option value="">Allow or deny</option>
          <option value="true">Allow</option>
          <option value="false">Deny</option>
        </Select>
      </Field>
      <Field label="From (UTC)" htmlFor="decisions-from" error={errors.from} className="w-full sm:w-56">
        <Input type="datetime-local" name="from" defaultValue={toDateTimeLocal(values.from)} />
      </Field>
      <Field label="To (UTC)" htmlFor="decisions-to" error={errors.to} className="w-full sm:w-56">
        <Input type="datetime-local" name="to" defaultValue={toDateTimeLocal(values.to)} />
      </Field>
    </FilterForm>
  );
}
