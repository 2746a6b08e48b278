import Link from "next/link";
import { Search } from "lucide-react";
import { Button, buttonVariants } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import type { Role } from "@/lib/auth/permissions";
import { ROLE_OPTIONS } from "./roles";

export type UsersFiltersProps = {
  q?: string;
  role?: Role;
  /** Where "Clear filters" leads: the unfiltered first page. */
  basePath: string;
};

/** A plain GET form: filtering works without JavaScript and every result page has a shareable URL. */
export function UsersFilters({ q, role, basePath }: UsersFiltersProps) {
  const filtered = Boolean(q || role);
  return (
    <form
      key={`${q ?? ""}|${role ?? ""}`}
      method="get"
      action={basePath}
      role="search"
      aria-label="Filter users"
      className="mb-4 flex flex-wrap items-end gap-3"
    >
      <Field label="Search" htmlFor="users-q" className="w-full sm:w-72">
        <Input name="q" type="search" defaultValue={q} placeholder="Name or e-mail" maxLength={120} />
      </Field>
      <Field label="Role" htmlFor="users-role" className="w-full sm:w-48">
        <Select name="role" defaultValue={role ?? ""}>
          <option value="">All roles</option>
          {ROLE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary">
        <Search aria-hidden="true" />
        Search
      </Button>
      {filtered ? (
        <Link href={basePath} className={buttonVariants({ variant: "ghost" })}>
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
