import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { createDataSet, createUser, createWorkflow } from "@/db/seed/factories";
import { userActor } from "@/lib/domain/actor";
import { listReviewQueue, pageQuery } from "@/lib/domain/reviews/list-reviews";

const MINE = 10_000;
const OTHERS = 20_000;

let reviewer: Awaited<ReturnType<typeof createUser>>;

/** 30k active grants with open items: 10k for one reviewer, the rest spread over others. Set-based, so setup takes seconds. */
beforeAll(async () => {
  reviewer = await createUser(db, { roles: ["business_owner"] });
  const other = await createUser(db, { roles: ["business_owner"] });
  const workflow = await createWorkflow(db, { businessOwnerId: reviewer.id });
  const sets = await Promise.all((["internal", "confidential", "restricted"] as const).map((sensitivity) => createDataSet(db, { sensitivity })));
  const total = MINE + OTHERS;
  await db.execute(sql`
    insert into nhis (name, kind, provider, external_id, environment, classification, last_used_at)
    select 'scale-nhi-' || g, 'service_account', 'custom', 'scale:' || g, 'prod', case when g % 17 = 0 then 'privileged' else 'utility' end::classification,
           now() - (g % 90) * interval '1 day'
    from generate_series(1, ${total}) g`);
  await db.execute(sql`
    insert into entitlements (workflow_id, nhi_id, data_set_id, actions, status, justification, next_review_at, business_approved_by_id, business_approved_at)
    select ${workflow.id}, n.id, (array[${sets[0]!.id}, ${sets[1]!.id}, ${sets[2]!.id}]::uuid[])[1 + (substring(n.external_id from 7)::int % 3)],
           '{read}', 'active', 'scale test grant', now() + (substring(n.external_id from 7)::int % 20) * interval '1 day', ${reviewer.id}, now()
    from nhis n where n.external_id like 'scale:%'`);
  await db.execute(sql`
    insert into review_items (entitlement_id, reviewer_id, due_at)
    select e.id, case when row_number() over (order by e.id) <= ${MINE} then ${reviewer.id}::uuid else ${other.id}::uuid end, e.next_review_at
    from entitlements e where e.justification = 'scale test grant'`);
  await db.execute(sql`analyze`);
}, 120_000);

describe("[REVIEWS] the queue of a reviewer with 10k items", () => {
  // Speed is measured by `npm run bench`, not asserted here; these tests pin the shape that keeps it fast.
  it("pages through keyset cursors without overlap, first page and deep page alike", async () => {
    const actor = userActor(reviewer);
    const first = await listReviewQueue(actor, { limit: 50 });
    expect(first.items).toHaveLength(50);
    expect(first.items.every((i) => i.reviewer?.id === reviewer.id)).toBe(true);

    let page = first;
    for (let i = 0; i < 5; i++) page = await listReviewQueue(actor, { limit: 500, cursor: page.nextCursor! });
    const deep = await listReviewQueue(actor, { limit: 50, cursor: page.nextCursor! });
    expect(deep.items).toHaveLength(50);
    expect(new Set([...first.items, ...deep.items].map((i) => i.id)).size).toBe(100);
  });

  it("the real page query is chosen through the (reviewer, status, due) index, not a scan of every item", async () => {
    const { sql: text, params } = pageQuery(userActor(reviewer), { reviewer: "me", status: "pending", limit: 50 }).toSQL();
    const rows = (await db.$client.unsafe(`explain ${text}`, params as never[])) as unknown as { "QUERY PLAN": string }[];
    const plan = rows.map((r) => r["QUERY PLAN"]).join("\n");
    expect(plan).toContain("review_items_queue_idx");
    expect(plan).not.toMatch(/Seq Scan on review_items/);
  });
});
