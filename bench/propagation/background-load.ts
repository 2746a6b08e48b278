/**
 * The propagation benchmark's background load, in a process of its own: the
 * measuring process then only times pollers and revokes, and its timers are
 * not delayed by the load generator's own work (autocannon sending a
 * thousand requests a second would otherwise sit on the same event loop).
 *
 * Reads LOAD_SPEC (a JSON file: urls, rate per url, headers, bodies); warms
 * up for 3 s, prints "ready", runs until SIGTERM, then prints one JSON line
 * per url with what it achieved.
 */
import fs from "node:fs";
import autocannon from "autocannon";

type Spec = { urls: string[]; ratePerUrl: number; connectionsPerUrl: number; headers: Record<string, string>; bodies: string[] };
const spec = JSON.parse(fs.readFileSync(process.env.LOAD_SPEC!, "utf8")) as Spec;

const load = (url: string, seconds: number) =>
  autocannon({
    url,
    connections: spec.connectionsPerUrl,
    overallRate: spec.ratePerUrl,
    duration: seconds,
    method: "POST",
    setupClient: (client) =>
      client.setRequests(Array.from({ length: 256 }, () => ({ method: "POST", headers: spec.headers, body: spec.bodies[Math.floor(Math.random() * spec.bodies.length)]! }))),
  });

// A few seconds unmeasured first, so a cold instance's first compilations are not reported as its latency.
await Promise.all(spec.urls.map((url) => load(url, 3)));
const runs = spec.urls.map((url) => load(url, 3_600));
console.log("ready");
process.once("SIGTERM", () => {
  for (const run of runs) run.stop();
});
const results = await Promise.all(runs);
for (const r of results) console.log(JSON.stringify({ rps: Math.round(r["2xx"] / r.duration), p99: r.latency.p99 }));
