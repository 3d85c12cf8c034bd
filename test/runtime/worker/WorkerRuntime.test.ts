import { describe, expect, it } from "vitest";
import { TimeoutError } from "../../../src/runtime/Runtime.ts";
import { FILE_COMMANDS } from "../../../src/runtime/workspace.ts";
import { WorkerRuntime } from "../../../src/runtime/worker/WorkerRuntime.ts";
import { fakeWorkers } from "./fakeWorker.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const bytes = (s: string) => new TextEncoder().encode(s);

describe("WorkerRuntime call and stream ids", () => {
  it("keeps a terminal's output flowing after an unrelated call with the same number finishes", async () => {
    const workers = fakeWorkers();
    const runtime = new WorkerRuntime({ createWorker: workers.create });
    const worker = workers.made[0]!;
    const opening = runtime.openTerminal({ cols: 80, rows: 24 });
    const open = worker.lastCall("openTerminal");
    const sid = open.id + 1; // the worker's stream id: the number the next call will get
    worker.reply({ type: "result", id: open.id, value: sid });
    const terminal = await opening;
    const seen: string[] = [];
    terminal.onData((d) => seen.push(text(d)));

    const reading = runtime.exec("cat Dockerfile");
    expect(worker.lastCall("exec").id).toBe(sid);
    worker.answer("exec", { exitCode: 0, stdout: bytes("FROM alpine"), stderr: bytes("") });
    await reading;

    worker.reply({ type: "data", sid, data: bytes("still here") });
    expect(seen).toEqual(["still here"]);
  });

  it("routes an exec's streamed output by its call id, never to a terminal with that number", async () => {
    const workers = fakeWorkers();
    const runtime = new WorkerRuntime({ createWorker: workers.create });
    const worker = workers.made[0]!;
    const opening = runtime.openTerminal({ cols: 80, rows: 24 });
    const sid = worker.lastCall("openTerminal").id + 1;
    worker.answer("openTerminal", sid);
    const terminal = await opening;
    const inTerminal: string[] = [];
    terminal.onData((d) => inTerminal.push(text(d)));

    const out: string[] = [];
    const err: string[] = [];
    const running = runtime.exec("build", {
      onStdout: (d) => out.push(text(d)),
      onStderr: (d) => err.push(text(d)),
    });
    const { id } = worker.lastCall("exec");
    expect(id).toBe(sid);
    worker.reply({ type: "output", id, data: bytes("step 1"), stream: "stdout" });
    worker.reply({ type: "output", id, data: bytes("warning"), stream: "stderr" });
    worker.answer("exec", { exitCode: 0, stdout: bytes(""), stderr: bytes("") });
    await running;
    worker.reply({ type: "output", id, data: bytes("late"), stream: "stdout" });

    expect(out).toEqual(["step 1"]);
    expect(err).toEqual(["warning"]);
    expect(inTerminal).toEqual([]);
  });
});

describe("WorkerRuntime file operations", () => {
  it("are one exec call each: the guest command, paths as arguments, no streamed output", async () => {
    const workers = fakeWorkers();
    const runtime = new WorkerRuntime({ createWorker: workers.create });
    const worker = workers.made[0]!;
    const reading = runtime.readFile("app/Dockerfile");
    const { call } = worker.lastCall("exec");
    expect(call).toEqual({
      op: "exec",
      command: FILE_COMMANDS.read,
      options: {
        cwd: "/",
        args: ["/workspace/app/Dockerfile"],
        timeoutMs: 30_000,
        streamOutput: false,
      },
    });
    worker.answer("exec", { exitCode: 0, stdout: bytes("FROM alpine"), stderr: bytes("") });
    expect(text(await reading)).toBe("FROM alpine");
    expect(worker.posted.filter((m) => m.type === "call")).toHaveLength(1);
  });

  it("send the caller's time limit to the worker and turn its ExecTimeoutError into a TimeoutError", async () => {
    const workers = fakeWorkers();
    const runtime = new WorkerRuntime({ createWorker: workers.create });
    const worker = workers.made[0]!;
    const reading = runtime.readFile("Dockerfile", { timeoutMs: 5_000 });
    const { id, call } = worker.lastCall("exec");
    expect(call.options.timeoutMs).toBe(5_000);
    const error = { name: "ExecTimeoutError", command: call.command, timeoutMs: 5_000 };
    worker.reply({ type: "error", id, error: { ...error, message: "command timed out …" } });
    await expect(reading).rejects.toBeInstanceOf(TimeoutError);
    await expect(reading).rejects.toThrow("cannot read Dockerfile: no answer within 5 s");
  });

  it("cancel in the worker when the caller's signal aborts", () => {
    const workers = fakeWorkers();
    const runtime = new WorkerRuntime({ createWorker: workers.create });
    const worker = workers.made[0]!;
    const abort = new AbortController();
    void runtime.listFiles("", { signal: abort.signal }).catch(() => {});
    abort.abort();
    expect(worker.posted).toContainEqual({ type: "cancel", id: worker.lastCall("exec").id });
  });
});
