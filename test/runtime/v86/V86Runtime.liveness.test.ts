import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeEmulator } from "./fakeEmulator.ts";

const emulators: FakeEmulator[] = [];
/** How the agent of the next emulator behaves. */
let nextAgent: FakeEmulator["agent"] = "answers";
vi.mock("../../../src/runtime/v86/emulator.ts", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  createEmulator: async () => {
    const emulator = new FakeEmulator();
    emulator.agent = nextAgent;
    emulators.push(emulator);
    return emulator;
  },
}));
const { V86Runtime } = await import("../../../src/runtime/v86/V86Runtime.ts");

const assets = {
  wasm: "v86.wasm",
  bios: "bios",
  vgaBios: "vgabios",
  kernel: "kernel",
  initrd: "initrd",
  disk: "disk",
  diskSize: 0,
  state: "state.bin.zst",
};

async function started() {
  const runtime = new V86Runtime({ assets });
  const errors: Error[] = [];
  runtime.on("error", (e) => errors.push(e));
  const starting = runtime.start();
  await vi.advanceTimersByTimeAsync(0);
  await starting;
  return { runtime, errors, emulator: emulators.at(-1)! };
}

describe("V86Runtime liveness (fake emulator)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    nextAgent = "answers";
  });
  afterEach(() => void vi.useRealTimers());

  it("fails with 'the sandbox stopped responding' within 15 s of the agent going silent", async () => {
    const { runtime, errors, emulator } = await started();
    expect(runtime.status).toBe("ready");
    await vi.advanceTimersByTimeAsync(30_000); // an idle but healthy guest: pings are answered
    expect(runtime.status).toBe("ready");

    emulator.agent = "silent";
    await vi.advanceTimersByTimeAsync(15_000);
    expect(runtime.status).toBe("failed");
    expect(errors.map((e) => e.message)).toEqual(["the sandbox stopped responding"]);
    await expect(async () => runtime.exec("true")).rejects.toThrow(/not running/);
    await runtime.dispose();
  });

  it("keeps a slow but answering guest ready", async () => {
    const { runtime, emulator } = await started();
    emulator.answerDelayMs = 7_000; // every answer takes 7 s: loaded, not dead
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(runtime.status).toBe("ready");
    await runtime.dispose();
  });

  it("gives up on start when dockerd does not answer the boot ping within 60 s", async () => {
    nextAgent = "dockerd hangs";
    const runtime = new V86Runtime({ assets });
    const outcome = runtime.start().then(
      () => new Error("started"),
      (e: Error) => e,
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect((await outcome).message).toBe("Docker Engine API GET /_ping: no answer within 60 s");
    expect(runtime.status).toBe("failed");
  });

  it("starts watching afresh after a reset", async () => {
    const { runtime, errors, emulator } = await started();
    emulator.agent = "silent";
    await vi.advanceTimersByTimeAsync(15_000);
    expect(runtime.status).toBe("failed");
    const resetting = runtime.reset();
    await vi.advanceTimersByTimeAsync(0);
    await resetting;
    expect(runtime.status).toBe("ready");
    await vi.advanceTimersByTimeAsync(60_000);
    expect(runtime.status).toBe("ready");
    expect(errors).toHaveLength(1);
    await runtime.dispose();
  });
});
