import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/db";
import { createEntitlement } from "@/db/seed/factories";
import { systemActor } from "@/lib/domain/actor";
import { revokeEntitlement } from "@/lib/domain/revocation/revoke-access";
import { flushDecisions } from "@/lib/domain/runtime/decision-log";
import { type PdpServer, createPdpServer } from "@/lib/pdp/server";
import { userWithKey } from "../helpers";

/**
 * Issue 6, "Revocation is immediate everywhere": two decision points on one
 * database, eight loops hammering them, a revoke in the middle. The serving
 * instance (it shares the revoking code's connection pool, as an app server
 * that handled the revoke would) must never allow an evaluation that started
 * after the revoke returned; the other one (its own pool, so it shares no
 * connection and no cache with the revoker) none that started later than
 * 25 ms after. Times come from one clock: both servers run in this process.
 * Both keep access facts in memory (lib/pdp/access-cache.ts), so this is
 * also the test of that cache's invalidation under a real race.
 */
const LOOPS_PER_INSTANCE = 4;
const ROUNDS = 5;
const OTHER_INSTANCE_BOUND_MS = 25;
const HAMMER_AFTER_REVOKE_MS = 150;
const MAX_REQUESTS_PER_LOOP = 2_000; // a hard stop, whatever happens to the timers

type Sample = { instance: "serving" | "other"; start: number; end: number; allow: boolean };

let serving: PdpServer;
let other: PdpServer;
let otherPool: postgres.Sql;
const urls: Record<Sample["instance"], string> = { serving: "", other: "" };

beforeAll(async () => {
  serving = createPdpServer();
  otherPool = postgres(process.env.DATABASE_URL!, { max: 4, onnotice: () => {} });
  // Both cache access facts. The other one plays a decision point in another process: its own pool, and it does
  // not see this process's commits (localChanges), so it learns of the revoke only through the change feed.
  other = createPdpServer({ client: otherPool, accessCache: { localChanges: () => 0 } });
  urls.serving = `http://127.0.0.1:${await serving.listen(0)}/access/v1/evaluation`;
  urls.other = `http://127.0.0.1:${await other.listen(0)}/access/v1/evaluation`;
});

afterAll(async () => {
  await serving?.close();
  await other?.close();
  await otherPool?.end({ timeout: 5 });
  await flushDecisions();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function hammer(instance: Sample["instance"], key: string, body: string, samples: Sample[], stop: { now: boolean }) {
  for (let i = 0; i < MAX_REQUESTS_PER_LOOP && !stop.now; i++) {
    const start = performance.now();
    const response = await fetch(urls[instance], { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body });
    const answer = (await response.json()) as { decision?: boolean };
    if (response.status !== 200) throw new Error(`${instance} answered ${response.status}`);
    samples.push({ instance, start, end: performance.now(), allow: answer.decision === true });
  }
}

/** One race: returns the samples and when the revoke returned. */
async function race(key: string) {
  const grant = await createEntitlement(db, { actions: ["read"] });
  const body = JSON.stringify({ subject: { type: "nhi", id: grant.nhiId }, action: { name: "read" }, resource: { type: "data_set", id: grant.dataSetId } });
  const samples: Sample[] = [];
  const stop = { now: false };
  const loops = (["serving", "other"] as const).flatMap((instance) => Array.from({ length: LOOPS_PER_INSTANCE }, () => hammer(instance, key, body, samples, stop)));
  const loopsDone = Promise.all(loops).finally(() => (stop.now = true));
  try {
    // Revoke only once both instances are answering allow, so the race is real.
    for (let waited = 0; waited < 2_000 && !(["serving", "other"] as const).every((i) => samples.some((s) => s.instance === i && s.allow)); waited += 5) await sleep(5);
    const revokeStarted = performance.now();
    await revokeEntitlement(systemActor("race-test"), grant.id, "race test");
    const revokeReturned = performance.now();
    await sleep(HAMMER_AFTER_REVOKE_MS);
    // On a loaded machine 150 ms may hold only a few requests: keep asking (up to 3 s) until each instance has been
    // asked enough times after the bound for the checks below to mean something.
    const askedAfterBound = (instance: Sample["instance"]) => samples.filter((s) => s.instance === instance && s.start > revokeReturned + OTHER_INSTANCE_BOUND_MS).length;
    for (let waited = 0; waited < 3_000 && !(["serving", "other"] as const).every((i) => askedAfterBound(i) > 10); waited += 10) await sleep(10);
    return { samples, revokeStarted, revokeReturned };
  } finally {
    stop.now = true;
    await loopsDone;
  }
}

describe("[PDP] two-instance revocation race", () => {
  it(`no allow after the revoke returned on the serving instance, none later than ${OTHER_INSTANCE_BOUND_MS} ms on the other`, async () => {
    const { key } = await userWithKey(["identity_owner"], ["authorize"]);
    for (let round = 0; round < ROUNDS; round++) {
      const { samples, revokeStarted, revokeReturned } = await race(key);
      const of = (instance: Sample["instance"]) => samples.filter((s) => s.instance === instance);

      // Not vacuous: both instances allowed before, and both were asked again well after the bound.
      for (const instance of ["serving", "other"] as const) {
        expect(of(instance).some((s) => s.allow && s.start < revokeReturned), `${instance} allowed before the revoke (round ${round})`).toBe(true);
        expect(of(instance).filter((s) => s.start > revokeReturned + OTHER_INSTANCE_BOUND_MS).length, `${instance} asked after the bound`).toBeGreaterThan(10);
      }

      const servingLateAllows = of("serving").filter((s) => s.allow && s.start > revokeReturned);
      const otherLateAllows = of("other").filter((s) => s.allow && s.start > revokeReturned + OTHER_INSTANCE_BOUND_MS);
      expect(servingLateAllows, `round ${round}: serving instance allowed after the revoke returned`).toEqual([]);
      expect(otherLateAllows, `round ${round}: other instance allowed > ${OTHER_INSTANCE_BOUND_MS} ms after the revoke returned`).toEqual([]);
      // Reported, not asserted: the other instance may allow until the revoke's notification arrives (within the
      // bound), and evaluations that overlapped the revoke may answer either way (they were asked before it took effect).
      const otherAfterReturn = of("other").filter((s) => s.allow && s.start > revokeReturned).length;
      const overlapping = samples.filter((s) => s.start < revokeReturned && s.end > revokeStarted).length;
      console.log(
        `[race] round ${round}: ${samples.length} evaluations, ${overlapping} overlapping the revoke (${(revokeReturned - revokeStarted).toFixed(1)} ms); ` +
          `allows started after it returned: serving ${servingLateAllows.length}, other ${otherAfterReturn}`,
      );
    }
  }, 60_000); // five races, each up to ~3 s of extra asking on a loaded machine
});
