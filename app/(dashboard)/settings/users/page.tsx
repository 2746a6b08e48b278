import type { Metadata } from "next";
import Link from "next/link";
import { SearchX, Users } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { NewUserDialog } from "@/components/users/new-user-dialog";
import { UsersFilters } from "@/components/users/users-filters";
import { UsersTable } from "@/components/users/users-table";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/domain/actor";
import { listUsers } from "@/lib/domain/users/users";
import { requirePageActor } from "@/lib/server/page-actor";
import { listUsersQuery, role as roleSchema } from "@/lib/validation/users";

export const metadata: Metadata = { title: "Users" };

const BASE = "/settings/users";
const CURSOR = /^[A-Za-z0-9_-]{1,500}$/;

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

/**
 * Keyset cursors only go forward, so the cursors of earlier pages travel in
 * `trail` (comma-separated) to make "Previous" a real previous page.
 */
function readParams(params: Awaited<SearchParams>) {
  const role = roleSchema.safeParse(first(params.role));
  const cursor = first(params.cursor);
  const trail = (first(params.trail) ?? "").split(",").filter((c) => CURSOR.test(c)).slice(-50);
  return {
    q: first(params.q)?.slice(0, 120),
    role: role.success ? role.data : undefined,
    cursor: cursor && CURSOR.test(cursor) ? cursor : undefined,
    trail: cursor ? trail : [],
  };
}

function href(params: { q?: string; role?: string; cursor?: string; trail?: string[] }): string {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.role) search.set("role", params.role);
  if (params.cursor) search.set("cursor", params.cursor);
  if (params.cursor && params.trail?.length) search.set("trail", params.trail.join(","));
  const qs = search.toString();
  return qs ? `${BASE}?${qs}` : BASE;
}

async function loadUsers(actor: Actor, params: ReturnType<typeof readParams>) {
  const query = listUsersQuery.parse({ q: params.q, role: params.role, cursor: params.cursor });
  try {
    return { page: await listUsers(actor, query), params };
  } catch (error) {
    // A stale or hand-edited cursor restarts the list instead of failing the page.
    if (!params.cursor || !(error && typeof error === "object" && "invalidCursor" in error)) throw error;
    const restarted = { ...params, cursor: undefined, trail: [] };
    return { page: await listUsers(actor, { ...query, cursor: undefined }), params: restarted };
  }
}

export default async function UsersPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const canManage = can(actor, "users.manage");
  const header = (
    <PageHeader
      title="Users"
      description="People who sign in to Countersign, and the roles that decide what they may approve and change."
      actions={canManage ? <NewUserDialog /> : null}
    />
  );
  if (!can(actor, "users.read")) {
    return (
      <>
        {header}
        <EmptyState icon={Users} title="You cannot see the user list" description="Ask an admin to give you a role." />
      </>
    );
  }

  const { page, params } = await loadUsers(actor, readParams(await searchParams));
  const filtered = Boolean(params.q || params.role);
  const nextHref = page.nextCursor
    ? href({ ...params, cursor: page.nextCursor, trail: params.cursor ? [...params.trail, params.cursor] : [] })
    : null;
  const prevHref = params.cursor ? href({ ...params, cursor: params.trail.at(-1), trail: params.trail.slice(0, -1) }) : null;

  return (
    <>
      {header}
      <UsersFilters q={params.q} role={params.role} basePath={BASE} />
      {page.items.length === 0 ? (
        filtered ? (
          <EmptyState
            icon={SearchX}
            title="No users match these filters"
            description="Try part of a name or e-mail address, pick another role, or clear the filters."
            action={
              <Link href={BASE} className={buttonVariants({ variant: "outline" })}>
                Show all users
              </Link>
            }
          />
        ) : (
          <EmptyState
            icon={Users}
            title="No users on this page"
            description="Go back to the first page to see the list from the start."
            action={
              <Link href={BASE} className={buttonVariants({ variant: "outline" })}>
                First page
              </Link>
            }
          />
        )
      ) : (
        <UsersTable users={page.items} canManage={canManage} currentUserId={actor.userId} />
      )}
      <Pagination nextHref={nextHref} prevHref={prevHref} />
    </>
  );
}
