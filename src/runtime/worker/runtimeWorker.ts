/// <reference lib="webworker" />
/**
 * Web Worker entry: owns the V86Runtime (emulator + control channel) so the
 * page's thread only renders. Speaks the messages in protocol.ts.
 */
import { browserVm } from "../browser/browserAssets.ts";
import type { ByteStream } from "../ByteStream.ts";
import { V86Runtime } from "../v86/V86Runtime.ts";
import { ExecTimeoutError, TimeoutError } from "../Runtime.ts";
import { watchDiskRequests } from "./diskWaits.ts";
import type { Call, FromWorker, ToWorker, WireError } from "./protocol.ts";

declare const self: DedicatedWorkerGlobalScope;

interface Sink {
  write(data: Uint8Array): void;
  end(): void;
  close(): void;
  resize?(cols: number, rows: number): void;
}

let runtime: V86Runtime | null = null;
const cancels = new Map<number, AbortController>();
const sinks = new Map<number, Sink>();
let nextSid = 1;

function post(message: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

// The page says when the guest waits for disk chunks it cannot fetch
// (offline, a chunk never kept): v86 retries such a request for ever.
watchDiskRequests(
  self as unknown as { XMLHttpRequest: typeof XMLHttpRequest },
  (url) => new URL(url, self.location.href).pathname.endsWith("/disk.img"),
  (waiting) => post({ type: "event", event: "disk", value: { waiting } }),
  (range) => console.warn(`[offline] the guest waits for disk ${range}: not kept in this browser`),
);

function need(): V86Runtime {
  if (!runtime) throw new Error("the sandbox is not started");
  return runtime;
}

function attachStream(stream: ByteStream): number {
  const sid = nextSid++;
  sinks.set(sid, {
    write: (d) => stream.write(d),
    end: () => stream.end(),
    close: () => stream.close(),
  });
  stream.onData((data) => post({ type: "data", sid, data }));
  stream.onEnd(() => {
    sinks.delete(sid);
    post({ type: "ended", sid });
  });
  return sid;
}

async function handle(id: number, call: Call, signal: AbortSignal): Promise<unknown> {
  switch (call.op) {
    case "start": {
      if (!runtime) {
        runtime = new V86Runtime(await browserVm(call.assetsBase, call.pinTo));
        for (const event of ["status", "progress", "saved", "console", "error"] as const) {
          runtime.on(event, (value) =>
            post({
              type: "event",
              event,
              value: value instanceof Error ? { message: value.message } : value,
            }),
          );
        }
      }
      await runtime.start({ signal, ...(call.from ? { from: call.from } : {}) });
      return undefined;
    }
    case "reset":
      return need().reset({ signal, ...(call.from ? { from: call.from } : {}) });
    case "saveState":
      return need().saveState({ signal, ...(call.meta ? { meta: call.meta } : {}) });
    case "guestActivity":
      return runtime?.guestActivity() ?? { instructions: 0, diskBlocks: 0 };
    case "jitCounters":
      return runtime?.jitCounters() ?? null;
    case "dispose":
      await runtime?.dispose();
      runtime = null;
      return undefined;
    case "exec": {
      const { streamOutput, ...options } = call.options;
      const r = await need().exec(call.command, {
        ...options,
        signal,
        ...(streamOutput
          ? {
              onStdout: (data: Uint8Array) => post({ type: "output", id, data, stream: "stdout" }),
              onStderr: (data: Uint8Array) => post({ type: "output", id, data, stream: "stderr" }),
            }
          : {}),
      });
      return r;
    }
    case "openTerminal": {
      const term = await need().openTerminal(call);
      const sid = nextSid++;
      sinks.set(sid, {
        write: (d) => term.write(d),
        end: () => {},
        close: () => term.close(),
        resize: (c, r) => term.resize(c, r),
      });
      term.onData((data) => post({ type: "data", sid, data }));
      term.onExit((exitCode) => {
        sinks.delete(sid);
        post({ type: "ended", sid, exitCode });
      });
      return sid;
    }
    case "connect":
      return attachStream(
        await need().connect(call.port, {
          signal,
          ...(call.timeoutMs ? { timeoutMs: call.timeoutMs } : {}),
        }),
      );
    case "connectUnix":
      return attachStream(await need().connectUnix(call.path, { signal }));
  }
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case "call": {
      const ac = new AbortController();
      cancels.set(msg.id, ac);
      handle(msg.id, msg.call, ac.signal)
        .then(
          (value) => post({ type: "result", id: msg.id, value }),
          (err: Error) => post({ type: "error", id: msg.id, error: toWireError(err) }),
        )
        .finally(() => cancels.delete(msg.id));
      break;
    }
    case "cancel":
      cancels.get(msg.id)?.abort();
      break;
    case "write":
      sinks.get(msg.sid)?.write(msg.data);
      break;
    case "end":
      sinks.get(msg.sid)?.end();
      break;
    case "close":
      sinks.get(msg.sid)?.close();
      sinks.delete(msg.sid);
      break;
    case "resize":
      sinks.get(msg.sid)?.resize?.(msg.cols, msg.rows);
      break;
    case "ping":
      post({ type: "pong" });
      break;
  }
};

function toWireError(err: Error): WireError {
  const { name, message } = err;
  if (err instanceof ExecTimeoutError)
    return { name, message, command: err.command, timeoutMs: err.timeoutMs };
  if (err instanceof TimeoutError)
    return { name, message, what: err.what, timeoutMs: err.timeoutMs };
  return { name, message };
}
