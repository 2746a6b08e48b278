import * as React from "react";
import { EmptyState, type EmptyStateProps } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { Select } from "@/components/ui/select";
import { CursorPagination, InlineAlert, type LoadedList } from "./list-controls";

// The parts every keyset-paginated list page repeats: select filters, and the alert / empty state / rows + pages switch.

type FilterOption = { value: string; label: string };

type FilterSelectProps = {
  /** The query parameter it sets. */
  name: string;
  label: string;
  id: string;
  /** The first option, meaning "no filter", e.g. "Any status". */
  any: string;
  options: readonly FilterOption[];
  /** The value in the URL now. */
  value?: string;
  error?: string[];
  className?: string;
};

/** One select of a GET filter form; it submits with the form, so it needs no client state. */
function FilterSelect({ name, label, id, any, options, value, error, className }: FilterSelectProps) {
  return (
    <Field label={label} htmlFor={id} error={error} className={className}>
      <Select name={name} defaultValue={value ?? ""}>
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/**
 * Select filters bound to one page's URL values and their errors, so each
 * filter reads as one line: `choice("status", "Status", "Any status", options)`.
 * Ids are `${idPrefix}-${name}` unless `id` says otherwise.
 */
export function filterChoices<K extends string>(idPrefix: string, values: Partial<Record<K, string>>, errors: Record<string, string[]>) {
  return function choice(name: K, label: string, any: string, options: readonly FilterOption[], { id = name as string, width = "sm:w-44" } = {}) {
    return (
      <FilterSelect
        name={name}
        label={label}
        id={`${idPrefix}-${id}`}
        any={any}
        options={options}
        value={values[name]}
        error={errors[name]}
        className={`w-full ${width}`}
      />
    );
  };
}

/** Options whose value is shown as is, or through `label` (e.g. humanize). */
export function optionsOf(values: readonly string[], label: (value: string) => string = (v) => v): FilterOption[] {
  return values.map((value) => ({ value, label: label(value) }));
}

export type ListResultsProps<T> = {
  result: LoadedList<T>;
  /** The alert's title when the filters or the page link are wrong, e.g. "No workflows shown". */
  errorTitle: string;
  /** What an empty page says; it should say what to do next. */
  empty: EmptyStateProps;
  /** Where the page links point, and the filters they carry. */
  pathname: string;
  filters: Record<string, string | undefined>;
  cursor?: string;
  /** The `prev` parameter, for the Previous link. */
  history?: string;
  /** The rows of this page. */
  children: (items: T[]) => React.ReactNode;
};

/** A loaded page of a list: the reason nothing loaded, the empty state, or the rows with Previous and Next. */
export function ListResults<T>({ result, errorTitle, empty, pathname, filters, cursor, history, children }: ListResultsProps<T>) {
  if (!result.ok) return <InlineAlert title={errorTitle}>{result.message}</InlineAlert>;
  if (result.items.length === 0) return <EmptyState {...empty} />;
  return (
    <>
      {children(result.items)}
      <CursorPagination pathname={pathname} filters={filters} cursor={cursor} history={history} nextCursor={result.nextCursor} />
    </>
  );
}
