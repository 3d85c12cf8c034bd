import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeSandbox } from "../../../src/runtime/node/startNodeSandbox.ts";
import type { V86Runtime } from "../../../src/runtime/v86/V86Runtime.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/**
 * A hung guest never leaves the sandbox "ready" (issue 15): after
 * `kill -9 -1` as root (the agent, dockerd, everything dies) the runtime
 * fails with "the sandbox stopped responding" within 15 s, and a reset brings
 * back a working sandbox.
 */
describe("liveness on the real VM", () => {
  let vm: V86Runtime;
  beforeAll(async () => {
    vm = await startNodeSandbox();
  });
  afterAll(async () => {
    await vm?.dispose();
  });

  it("notices a guest whose agent died, within 15 s, and recovers on reset", async () => {
    const failed = new Promise<{ error: Error; ms: number }>((resolve) => {
      const started = Date.now();
      vm.on("error", (error) => resolve({ error, ms: Date.now() - started }));
    });
    // The exec dies with everything else: its promise may never settle.
    void vm.exec("sleep 1; kill -9 -1", { timeoutMs: 60_000 }).catch(() => {});
    const { error, ms } = await failed;
    expect(error.message).toMatch(/stopped responding/);
    expect(ms).toBeLessThan(15_000 + 1_000); // the 1 s sleep before the kill
    expect(vm.status).toBe("failed");

    await vm.reset();
    expect(vm.status).toBe("ready");
    const r = await vm.exec("echo alive");
    expect(text(r.stdout).trim()).toBe("alive");
  }, 120_000);
});
