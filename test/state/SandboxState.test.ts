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
