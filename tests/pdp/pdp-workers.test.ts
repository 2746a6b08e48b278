import { type ChildProcess, spawn } from "node:child_process";
import http from "node:http";
import net from "node:net";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db";
import { createEntitlement } from "@/db/seed/factories";
import { decisions } from "@/db/schema";
import { userWithKey } from "../helpers";

/**
 * `npm run pdp` with PDP_WORKERS=2, as its own process tree (scripts/pdp.ts → lib/pdp/workers.ts): the workers
 * share one port, each drains and flushes its own decision log when the primary is stopped, a worker that dies
 * is replaced, and a start that cannot work fails instead of looping.
 */
type Pdp = { child: ChildProcess; port: number; output: () => string; exited: Promise<number | null> };
const running: Pdp[] = [];

function startPdp(env: Record<string, string>): Promise<Pdp> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/pdp.ts"], {
    env: { ...process.env, NODE_ENV: "production", PDP_WORKERS: "2", PDP_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /decision point on http:\/\/[^:]+:(\d+) .*2 workers/.exec(output);
      if (listening) {
        const pdp = { child, port: Number(listening[1]), output: () => output, exited };
        running.push(pdp);
        resolve(pdp);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    void exited.then((code) => reject(Object.assign(new Error(`pdp exited (${code}) before listening:\n${output}`), { code, output })));
  });
}

afterEach(async () => {
  for (const pdp of running.splice(0)) {
    if (pdp.child.exitCode === null) pdp.child.kill("SIGKILL");
    await pdp.exited;
  }
});

/** One request on a connection of its own, so the primary hands each to the next worker. */
function request(port: number, path: string, init: { key?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
    const req = http.request(
      {
        port,
        host: "127.0.0.1",
        path,
        method: payload ? "POST" : "GET",
        agent: false,
        headers: { ...(payload ? { "content-type": "application/json" } : {}), ...(init.key ? { authorization: `Bearer ${init.key}` } : {}) },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
      },
    );
    // A connection handed to a worker as it is killed may never be answered: give up on it rather than hang.
    req.setTimeout(3_000, () => req.destroy(new Error(`no answer on ${path} within 3 s`)));
    req.on("error", reject);
    req.end(payload);
  });
}

async function workerPids(port: number, want: number, tries = 60): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < tries && pids.size < want; i++) pids.add((await request(port, "/health")).body.pid);
  return pids;
}

describe("[PDP] workers: one port, several processes", () => {
  it("two workers answer on one port, and on SIGTERM every decision either of them made is stored", async () => {
    const { key } = await userWithKey(["identity_owner"], ["authorize"]);
    const grant = await createEntitlement(db, { actions: ["read"] });
    const pdp = await startPdp({});
    expect((await workerPids(pdp.port, 2)).size).toBe(2);

    const question = { subject: { type: "nhi", id: grant.nhiId }, action: { name: "read" }, resource: { type: "data_set", id: grant.dataSetId } };
    const answers = await Promise.all(Array.from({ length: 20 }, () => request(pdp.port, "/access/v1/evaluation", { key, body: question })));
    expect(answers.map((a) => [a.status, a.body.decision])).toEqual(Array.from({ length: 20 }, () => [200, true]));

    // Stopped at once: the decisions still sit in the workers' buffers (flushed every 25 ms) and must not be lost.
    pdp.child.kill("SIGTERM");
    expect(await pdp.exited).toBe(0);
    const ids = answers.map((a) => a.body.context.id as string);
    const stored = await db.select({ id: decisions.id }).from(decisions).where(eq(decisions.entitlementId, grant.id));
    expect(stored.map((r) => r.id).sort()).toEqual([...ids].sort());
  });

  it("a worker that dies is replaced, and the decision point keeps answering", async () => {
    const pdp = await startPdp({});
    const [victim] = await workerPids(pdp.port, 2);
    process.kill(victim!, "SIGKILL");
    let replaced = false;
    for (let i = 0; i < 100 && !replaced; i++) {
      const pids = await workerPids(pdp.port, 2, 6).catch(() => new Set<number>());
      replaced = pids.size === 2 && !pids.has(victim!);
      if (!replaced) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(replaced).toBe(true);
    expect(pdp.output()).toMatch(new RegExp(`worker ${victim} exited \\(SIGKILL\\); replacing it`));
    pdp.child.kill("SIGTERM");
    expect(await pdp.exited).toBe(0);
  });

  it("a port already taken fails the start with exit 1 instead of restarting workers forever", async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const failure = await startPdp({ PDP_PORT: String(port) }).then(
        () => null,
        (error: { code: number; output: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.output).toMatch(/exited during startup/);
    } finally {
      taken.close();
    }
  });
});
