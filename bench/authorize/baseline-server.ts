/**
 * The baseline of the authorization benchmark (issue 6): a bare node:http
 * server doing one indexed PostgreSQL point lookup per request — what any
 * database-backed decision must at least cost on this machine. It reads the
 * same AuthZEN body the PDP gets and looks the subject up by primary key (or
 * by the unique (provider, external_id) index for the `provider:id` form), with
 * postgres.js and the same pool size as the PDP (DB_POOL_MAX, default 10).
 * No validation, no authentication, no decision log.
 *
 *   DATABASE_URL=… BASELINE_PORT=… node --import tsx bench/authorize/baseline-server.ts
 */
import cluster from "node:cluster";
import http from "node:http";
import postgres from "postgres";

// BASELINE_WORKERS=n: n such processes on one port (node:cluster), the same shape as the PDP's workers — a
// reference for the PDP at its default of one worker per core.
const workers = Number(process.env.BASELINE_WORKERS ?? 1);
if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.kill(signal);
    });
  }
  cluster.on("exit", () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
} else {
  serve();
}

function serve() {

  // max_pipeline 1 (one query at a time per connection; an option postgres.js's types omit): the fastest setting here,
  // 17k req/s, and one that does not slow down over time. With the default pipelining the same server did 12.3k req/s
  // falling to 7.2k over four 8 s runs (CPU per request 72 → 135 µs). The reference should be the best bare server.
  const options = { max: Number(process.env.DB_POOL_MAX ?? 10), max_pipeline: 1, onnotice: () => {} };
  const sql = postgres(process.env.DATABASE_URL!, options);
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

  async function lookup(subject: string): Promise<string | undefined> {
    if (UUID.test(subject)) return (await sql<{ status: string }[]>`select status from nhis where id = ${subject}::uuid`)[0]?.status;
    const colon = subject.indexOf(":");
    const rows = await sql<{ status: string }[]>`
      select status from nhis where provider = ${subject.slice(0, colon)}::provider and external_id = ${subject.slice(colon + 1)}`;
    return rows[0]?.status;
  }

  const server = http.createServer({ keepAliveTimeout: 65_000, noDelay: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (req.method !== "POST") {
        res.writeHead(200, { "content-type": "text/plain", "content-length": 2 });
        res.end("ok");
        return;
      }
      let subject = "";
      try {
        subject = String((JSON.parse(Buffer.concat(chunks).toString("utf8")) as { subject: { id: string } }).subject.id);
      } catch {
        res.writeHead(400).end();
        return;
      }
      lookup(subject).then(
        (status) => {
          const body = JSON.stringify({ decision: status === "active" });
          res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
          res.end(body);
        },
        () => res.writeHead(500).end(),
      );
    });
  });

  server.listen(Number(process.env.BASELINE_PORT ?? 8180), "127.0.0.1", () => console.log(`[baseline] listening on ${process.env.BASELINE_PORT ?? 8180}`));
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => server.close(() => void sql.end({ timeout: 2 }).finally(() => process.exit(0))));
  }
}
