import os from "node:os";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env";

const base = { APP_SECRET: "x".repeat(40) };

describe("[ENV] decision point settings", () => {
  it("defaults: port 8181 on 127.0.0.1, access cache on, one worker per core (at most 4), 2 s deadline, 2 statements in flight", () => {
    expect(parseEnv(base)).toMatchObject({
      PDP_PORT: 8181,
      PDP_HOST: "127.0.0.1",
      PDP_ACCESS_CACHE: "on",
      PDP_WORKERS: Math.min(4, os.availableParallelism()),
      DECISION_DEADLINE_MS: 2_000,
      DECISION_BATCH_IN_FLIGHT: 2,
    });
  });

  it("a bad value fails naming the variable", () => {
    for (const [name, value] of [
      ["PDP_ACCESS_CACHE", "maybe"],
      ["PDP_WORKERS", "0"],
      ["PDP_WORKERS", "two"],
      ["DECISION_DEADLINE_MS", "0"],
      ["DECISION_DEADLINE_MS", "soon"],
      ["DECISION_BATCH_IN_FLIGHT", "100"],
      ["PDP_PORT", "70000"],
      ["PDP_PUBLIC_URL", "not a url"],
      ["DB_POOL_MAX", "-1"],
    ] as const) {
      expect(() => parseEnv({ ...base, [name]: value }), `${name}=${value}`).toThrow(new RegExp(`^Invalid environment:\\n  ${name}: `));
    }
  });

  it("reads numbers from their text", () => {
    expect(parseEnv({ ...base, PDP_ACCESS_CACHE: "off", DECISION_DEADLINE_MS: "500", PDP_PORT: "0", PDP_WORKERS: "3" })).toMatchObject({
      PDP_ACCESS_CACHE: "off",
      DECISION_DEADLINE_MS: 500,
      PDP_PORT: 0,
      PDP_WORKERS: 3,
    });
  });
});
