import type { Call, FromWorker, ToWorker } from "../../../src/runtime/worker/protocol.ts";

/**
 * A stand-in for the emulator's Web Worker that the test drives: it records
 * what the page posts and delivers the worker's messages and errors on cue.
 */
export class FakeWorker {
  readonly posted: ToWorker[] = [];
  terminated = false;
  #listeners = new Map<string, Set<(event: unknown) => void>>();

  /** Answer the page's liveness pings, as a healthy worker does. */
  answersPings = true;

  postMessage(message: ToWorker): void {
    this.posted.push(message);
    if (message.type === "ping" && this.answersPings) this.reply({ type: "pong" });
  }
  addEventListener(type: string, listener: (event: unknown) => void): void {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: (event: unknown) => void): void {
    this.#listeners.get(type)?.delete(listener);
  }
  terminate(): void {
    this.terminated = true;
  }

  /** The worker posts `message` to the page. */
  reply(message: FromWorker): void {
    this.#fire("message", { data: message });
  }
  /** An uncaught error in the worker (or the worker script failed to load). */
  crash(message: string): void {
    this.#fire("error", { message });
  }
  /** A message from the worker that could not be deserialized. */
  garble(): void {
    this.#fire("messageerror", {});
  }
  /** The most recent call the page made with this op. */
  lastCall<Op extends Call["op"]>(op: Op): { id: number; call: Extract<Call, { op: Op }> } {
    const found = this.posted.findLast((m) => m.type === "call" && m.call.op === op);
    if (!found || found.type !== "call") throw new Error(`no ${op} call was posted`);
    return { id: found.id, call: found.call as Extract<Call, { op: Op }> };
  }
  /** Answer the most recent call with this op. */
  answer(op: Call["op"], value: unknown): void {
    this.reply({ type: "result", id: this.lastCall(op).id, value });
  }

  #fire(type: string, event: unknown): void {
    for (const listener of [...(this.#listeners.get(type) ?? [])]) listener(event);
  }
}

/** A factory for WorkerRuntime that hands out fresh fakes and remembers them. */
export function fakeWorkers(): { create: () => Worker; made: FakeWorker[] } {
  const made: FakeWorker[] = [];
  return {
    made,
    create: () => {
      const worker = new FakeWorker();
      made.push(worker);
      return worker as unknown as Worker;
    },
  };
}
