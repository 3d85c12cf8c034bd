import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeSandbox } from "../../../src/runtime/node/startNodeSandbox.ts";
import type { V86Runtime } from "../../../src/runtime/v86/V86Runtime.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const GiB = 1024 ** 3;

/**
 * A full guest disk is "No space left on device", not a crashed tab (issue
 * 15): every block the guest writes lives in the host's memory, so the
 * learner's writable space is bounded (about 1 GiB; sandbox-provision).
 */
describe("the guest disk's writable space", () => {
  let vm: V86Runtime;
  beforeAll(async () => {
    vm = await startNodeSandbox();
  });
  afterAll(async () => {
    await vm?.dispose();
  });

  it("is about 1 GiB, as df shows the learner", async () => {
    const r = await vm.exec("df -B1 --output=avail / | tail -n 1");
    const free = Number(text(r.stdout).trim());
    expect(free).toBeGreaterThan(0.7 * GiB);
    expect(free).toBeLessThan(1.1 * GiB);
  });

  it("ends in ENOSPC for a file larger than it, and frees the space again", async () => {
    // fallocate claims the blocks without writing them: the same ENOSPC a
    // 2 GiB `dd` would meet, without 2 GiB of emulated writes.
    const big = await vm.exec("fallocate -l 2G /workspace/big; echo rc=$?; rm -f /workspace/big");
    expect(text(big.stdout)).toContain("rc=1");
    expect(text(big.stderr)).toMatch(/No space left on device/);
    const small = await vm.exec(
      "dd if=/dev/zero of=/workspace/ok bs=1M count=32 2>&1 && rm /workspace/ok && echo written",
    );
    expect(text(small.stdout)).toContain("written");
  });
});
