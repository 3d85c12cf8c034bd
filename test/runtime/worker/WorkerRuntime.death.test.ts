import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WorkerRuntime } from "../../../src/runtime/worker/WorkerRuntime.ts";
import { fakeWorkers } from "./fakeWorker.ts";
import { track } from "../track.ts";

function setup() {
  const workers = fakeWorkers();
  const runtime = new WorkerRuntime({ createWorker: workers.create });
  const errors: string[] = [];
  runtime.on("error", (e) => errors.push(e.message));
  return { runtime, workers, worker: workers.made[0]!, errors };
}

describe("WorkerRuntime when its worker dies", () => {
  beforeEach(() => void vi.stubGlobal("document", { baseURI: "http://localhost/" }));
  afterEach(() => void vi.unstubAllGlobals());

  it("rejects every pending call with the reason and fails, on an error event", async () => {
    const { runtime, worker, errors } = setup();
    const reading = runtime.readFile("Dockerfile");
    const running = runtime.exec("sleep 100");
    worker.crash("out of memory");
    await expect(reading).rejects.toThrow("the VM worker crashed: out of memory");
    await expect(running).rejects.toThrow("the VM worker crashed: out of memory");
    expect(runtime.status).toBe("failed");
    expect(errors).toEqual(["the VM worker crashed: out of memory"]);
    expect(worker.terminated).toBe(true);
    // Later calls fail at once instead of waiting for a worker that is gone.
    await expect(runtime.listFiles()).rejects.toThrow(/crashed/);
  });

  it("treats a messageerror the same way", async () => {
    const { runtime, worker } = setup();
    const reading = runtime.readFile("Dockerfile");
    worker.garble();
    await expect(reading).rejects.toThrow(/cannot read/);
    expect(runtime.status).toBe("failed");
  });

  it("hangs up terminals and ends Docker streams", async () => {
    const { runtime, worker } = setup();
    const opening = runtime.openTerminal({ cols: 80, rows: 24 });
    worker.answer("openTerminal", 7);
    const terminal = await opening;
    const connecting = runtime.connectUnix("/var/run/docker.sock");
    worker.answer("connectUnix", 8);
    const socket = await connecting;
    const exits: number[] = [];
    terminal.onExit((code) => exits.push(code));
    let ended = false;
    socket.onEnd(() => (ended = true));
    worker.crash("boom");
    expect(exits).toEqual([129]);
    expect(ended).toBe(true);
  });

  it("reset() terminates the dead worker and starts the VM in a new one", async () => {
    const { runtime, workers, worker } = setup();
    worker.crash("boom");
    const resetting = runtime.reset();
    expect(runtime.status).toBe("resetting");
    expect(workers.made).toHaveLength(2);
    const fresh = workers.made[1]!;
    expect(fresh.lastCall("start").call.assetsBase).toBe("http://localhost/vm/");
    fresh.reply({ type: "event", event: "status", value: "ready" });
    fresh.answer("start", undefined);
    await resetting;
    expect(runtime.status).toBe("ready");
    expect(worker.terminated).toBe(true);
    // The new worker is the one that answers now.
    const reading = runtime.readFile("Dockerfile");
    fresh.answer("exec", { exitCode: 0, stdout: new Uint8Array([1]), stderr: new Uint8Array() });
    await expect(reading).resolves.toEqual(new Uint8Array([1]));
  });

  it("dispose() of a dead worker does not wait for an answer", async () => {
    const { runtime, worker } = setup();
    worker.crash("boom");
    await runtime.dispose();
    expect(runtime.status).toBe("disposed");
  });
});

describe("WorkerRuntime when its worker stops answering", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("fails the running sandbox and its pending calls after 30 s without a word", async () => {
    const { runtime, worker, errors } = setup();
    worker.reply({ type: "event", event: "status", value: "ready" });
    await vi.advanceTimersByTimeAsync(60_000); // answers pings: fine
    expect(runtime.status).toBe("ready");

    worker.answersPings = false; // stuck: no pong, no answer to the exec
    const running = track(runtime.exec("true"));
    await vi.advanceTimersByTimeAsync(29_000);
    expect(running.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(running.error?.message).toBe("the VM worker stopped responding");
    expect(runtime.status).toBe("failed");
    expect(errors).toEqual(["the VM worker stopped responding"]);
    expect(worker.terminated).toBe(true);
  });

  it("does not watch a worker that is still starting (a restore may keep it busy)", async () => {
    const { runtime, worker } = setup();
    worker.answersPings = false;
    worker.reply({ type: "event", event: "status", value: "starting" });
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(runtime.status).toBe("starting");
    expect(worker.posted.some((m) => m.type === "ping")).toBe(false);
  });
});
