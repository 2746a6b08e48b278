import { describe, expect, it, vi } from "vitest";
import * as dataSetsRoute from "@/app/api/v1/data-sets/route";
import { userWithKey } from "../helpers";

describe("[API] a client that hangs up mid-body", () => {
  it("gets a 400 problem, and nothing is logged as a server error", async () => {
    const { key } = await userWithKey(["identity_owner"]);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name":"half a'));
        controller.error(new Error("aborted"));
      },
    });
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await dataSetsRoute.POST(
      new Request("http://localhost/api/v1/data-sets", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/not received completely/);
    expect(logged).not.toHaveBeenCalled();
    logged.mockRestore();
  });
});
