import { describe, expect, it } from "vitest";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { SandboxState, describeError } from "../../src/state/SandboxState.svelte.ts";

/** A runtime whose guest goes silent after start, as V86Runtime's heartbeat reports it. */
class HangingRuntime extends FakeRuntime {
  stopResponding(): void {
    this.setStatus("failed");
    this.events.emit("error", new Error("the sandbox stopped responding"));
  }
}

describe("SandboxState when the guest stops responding", () => {
  it("shows a failed sandbox with the Reset action", async () => {
    const runtime = new HangingRuntime();
    const sandbox = new SandboxState();
    await sandbox.boot(async () => runtime);
    expect(sandbox.status).toBe("ready");
    runtime.stopResponding();
    expect(sandbox.status).toBe("failed");
    expect(sandbox.error).toMatchObject({
      kind: "crash", // BootView offers "Reset sandbox" for this kind
      message: "The sandbox stopped responding.",
    });
  });

  it("explains the worker's own silence the same way", () => {
    expect(describeError(new Error("the VM worker stopped responding")).kind).toBe("crash");
  });
});

/** A runtime whose guest waits for disk chunks it cannot fetch, as the browser's worker reports it. */
class OfflineDiskRuntime extends FakeRuntime {
  disk(waiting: boolean): void {
    this.events.emit("disk", { waiting });
  }
}

describe("SandboxState when the guest waits for its disk", () => {
  it("says so while it waits, and no more once it goes on", async () => {
    const runtime = new OfflineDiskRuntime();
    const sandbox = new SandboxState();
    await sandbox.boot(async () => runtime);
    expect(sandbox.diskWaiting).toBe(false);
    runtime.disk(true);
    expect(sandbox.diskWaiting).toBe(true);
    expect(sandbox.status).toBe("ready"); // not failed: it goes on by itself
    runtime.disk(false);
    expect(sandbox.diskWaiting).toBe(false);
  });
});
