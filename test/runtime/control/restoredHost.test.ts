// After a saved sandbox is restored, a new host talks to an agent that still
// holds the channels open at save time. Real agent (native build).
import { tmpdir } from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { ControlChannel } from "../../../src/runtime/control/ControlChannel.ts";
import { startNativeAgent } from "./nativeAgent.ts";

const cwd = tmpdir();
const text = (b: Uint8Array) => new TextDecoder().decode(b).trim();

describe("a new host on a restored agent", () => {
  let agent: ReturnType<typeof startNativeAgent>;
  afterEach(() => agent?.stop());

  it("numbers its channels after the saved ones and closes those left open", async () => {
    agent = startNativeAgent();
    const before = new ControlChannel(agent.port);
    await before.hello({ timeoutMs: 5000 });
    const marker = `stale-${process.pid}-${Date.now()}`;
    const stale = before.exec(`sleep 60; echo ${marker}`, { cwd }).catch(() => null);
    await new Promise((r) => setTimeout(r, 300));
    const saved = before.snapshot();
    expect(saved.open).toHaveLength(1);
    // The old host is gone (the page reloaded); the agent is not.
    before.close(new Error("reloaded"));
    await stale;

    const after = new ControlChannel(agent.port, { firstId: saved.next });
    await after.hello({ timeoutMs: 5000 });
    after.closeStale(saved.open);
    expect(after.snapshot().next).toBeGreaterThan(saved.next);
    // The stale command was killed; a new one on a fresh id runs normally.
    let running = "";
    for (let i = 0; i < 50; i++) {
      // "[s]tale" matches the stale shell's command line but not this one's.
      running = text(
        (await after.exec(`pgrep -f '[s]${marker.slice(1)}' || true`, { cwd })).stdout,
      );
      if (!running) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(running).toBe("");
    expect(text((await after.exec("echo fresh", { cwd })).stdout)).toBe("fresh");
  });
});
