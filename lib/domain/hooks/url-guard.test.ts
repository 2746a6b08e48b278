import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { db } from "@/db";
import { createEntitlement, createUser } from "@/db/seed/factories";
import { hookDeliveries, hookDeliveryAttempts, hooks } from "@/db/schema";
import { userActor } from "@/lib/domain/actor";
import { revokeEntitlement } from "@/lib/domain/revocation/revoke-access";
import { AppError } from "@/lib/errors";
import { deliverDueHooks } from "./deliver-hooks";
import { createHook } from "./manage-hooks";
import { postHook } from "./post-hook";
import { assertSafeHookUrl } from "./url-guard";

// env() caches on first use: the allowlist must be in place before any import runs.
const PORT = vi.hoisted(() => {
  const port = 40_000 + Math.floor(Math.random() * 10_000);
  process.env.HOOK_ALLOWED_HOSTS = `127.0.0.1:${port}`;
  return port;
});

type Hit = { path: string; headers: http.IncomingHttpHeaders };

/** A real local HTTP receiver that records every request it gets. */
async function receiver(port: number, answer: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      hits.push({ path: req.url ?? "", headers: req.headers });
      answer(req, res);
    });
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, "127.0.0.1", resolve));
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { hits, port: (server.address() as AddressInfo).port, close };
}

async function refusal(url: string): Promise<AppError> {
  const error = await assertSafeHookUrl(url).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `${url} must be refused`).toBeInstanceOf(AppError);
  return error as AppError;
}

const refused = [
  "http://127.0.0.1/",
  "http://localhost/",
  "http://2130706433/",
  "http://0x7f000001/",
  "http://0177.0.0.1/",
  "http://127.1/",
  "http://[::1]/",
  "http://[::ffff:127.0.0.1]/",
  "http://[0:0:0:0:0:ffff:7f00:1]/",
  "http://0.0.0.0/",
  "http://[::]/",
  "http://10.1.2.3/",
  "http://192.168.1.1/",
  "http://172.16.0.1/",
  "http://169.254.169.254/latest/meta-data",
  "http://[::ffff:169.254.169.254]/latest/meta-data",
  "http://[fe80::1]/",
  "http://[fd00::1]/",
  "http://metadata.google.internal/",
  "http://100.64.0.1/",
  "http://sub.localhost/",
  "ftp://example.com/",
  "http://user:pass@example.com/",
  "not a url",
];

describe("[HOOKS] SSRF guard on hook URLs", () => {
  it.each(refused)("refuses %s with a 422 naming url", async (url) => {
    const error = await refusal(url);
    expect(error.status).toBe(422);
    expect(error.fieldErrors.map((f) => f.path)).toEqual(["url"]);
  });

  it("accepts a public IP literal without any DNS lookup", async () => {
    const url = await assertSafeHookUrl("https://93.184.216.34/hook");
    expect(url.href).toBe("https://93.184.216.34/hook");
  });

  it("HOOK_ALLOWED_HOSTS admits exactly the listed host:port, not another port or another spelling of the host", async () => {
    expect((await assertSafeHookUrl(`http://127.0.0.1:${PORT}/hook`)).port).toBe(String(PORT));
    for (const url of [
      `http://127.0.0.1:${PORT + 1}/hook`,
      `http://127.0.0.1/hook`,
      `http://localhost:${PORT}/hook`,
      `http://[::ffff:127.0.0.1]:${PORT}/hook`,
      `http://2130706433:${PORT + 1}/hook`,
    ]) {
      expect((await refusal(url)).fieldErrors.map((f) => f.path)).toEqual(["url"]);
    }
  });
});

describe("[HOOKS] postHook never reaches a blocked address and never follows redirects", () => {
  let inner: Awaited<ReturnType<typeof receiver>>;
  let allowed: Awaited<ReturnType<typeof receiver>>;

  beforeAll(async () => {
    inner = await receiver(0, (_req, res) => res.writeHead(200).end("internal secret"));
    allowed = await receiver(PORT, (req, res) => {
      if (req.url === "/start") res.writeHead(302, { location: `http://127.0.0.1:${PORT}/target` }).end();
      else if (req.url === "/to-internal") res.writeHead(307, { location: `http://127.0.0.1:${inner.port}/` }).end();
      else res.writeHead(200).end("ok");
    });
  });
  afterAll(async () => {
    await inner?.close();
    await allowed?.close();
  });
  beforeEach(() => {
    inner.hits.length = 0;
    allowed.hits.length = 0;
  });

  it("refuses a blocked literal address (any spelling) without connecting", async () => {
    for (const host of ["127.0.0.1", "0x7f000001", "2130706433", "[::ffff:127.0.0.1]"]) {
      const result = await postHook(new URL(`http://${host}:${inner.port}/`), "{}", { "content-type": "application/json" }, 2_000);
      expect(result.status, host).toBeNull();
      expect(result.error, host).toMatch(/refused/);
    }
    expect(inner.hits).toHaveLength(0);
  });

  it("refuses a host name that resolves to loopback at connect time (DNS rebinding), without connecting", async () => {
    const result = await postHook(new URL(`http://localhost:${inner.port}/`), "{}", {}, 2_000);
    expect(result.status).toBeNull();
    expect(result.error).toMatch(/refused|ENOTFOUND/);
    expect(inner.hits).toHaveLength(0);
  });

  it("answers the 3xx status itself: the redirect target is never requested", async () => {
    const result = await postHook(new URL(`http://127.0.0.1:${PORT}/start`), "{}", {}, 2_000);
    expect(result.status).toBe(302);
    const toInternal = await postHook(new URL(`http://127.0.0.1:${PORT}/to-internal`), "{}", {}, 2_000);
    expect(toInternal.status).toBe(307);
    expect(allowed.hits.map((h) => h.path)).toEqual(["/start", "/to-internal"]);
    expect(inner.hits).toHaveLength(0);
  });

  it("a delivery to a hook that redirects records status 302 and stays pending; the target is never hit", async () => {
    const io = userActor(await createUser(db, { roles: ["identity_owner"] }));
    const hook = await createHook(io, { name: "redirecting", url: `http://127.0.0.1:${PORT}/start`, events: ["entitlement.revoked"], format: "standard-webhooks" });
    const grant = await createEntitlement(db);
    expect((await revokeEntitlement(io, grant.id, "redirect test")).deliveries).toBe(1);
    const [delivery] = await db.select().from(hookDeliveries).where(eq(hookDeliveries.hookId, hook.id));

    const run = await deliverDueHooks({ now: () => new Date(Date.now() + 1_000) });
    expect(run).toEqual({ attempted: 1, succeeded: 0 });
    const attempts = await db.select().from(hookDeliveryAttempts).where(eq(hookDeliveryAttempts.deliveryId, delivery!.id));
    expect(attempts.map((a) => a.responseStatus)).toEqual([302]);
    const [after] = await db.select().from(hookDeliveries).where(eq(hookDeliveries.id, delivery!.id));
    expect(after!.status).toBe("pending");
    expect(after!.deliveredAt).toBeNull();
    expect(allowed.hits.map((h) => h.path)).toEqual(["/start"]);
    expect(allowed.hits[0]!.headers["webhook-id"]).toBeTruthy();
    await db.update(hooks).set({ active: false }).where(eq(hooks.id, hook.id));
  });
});
