import type { ByteStream } from "../ByteStream.ts";
import { SinkStream } from "../SinkStream.ts";
import { Emitter } from "../Emitter.ts";
import { RuntimeBase } from "../RuntimeBase.ts";
import {
  ExecTimeoutError,
  TimeoutError,
  VmAssetsMissingError,
  type ExecOptions,
  type ExecResult,
  type GuestActivity,
  type RuntimeStatus,
  type StartOptions,
  type TerminalOptions,
  type TerminalSession,
} from "../Runtime.ts";
import { SandboxFileError } from "../state/sandboxFile.ts";
import type { JitCounters } from "../v86/blockCompiler.ts";
import type { Call, FromWorker, ToWorker, WireError } from "./protocol.ts";
import { WorkerLink } from "./WorkerLink.ts";

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}
interface StreamHandlers {
  data(data: Uint8Array): void;
  ended(exitCode?: number): void;
}
type ExecOutput = (data: Uint8Array, stream: "stdout" | "stderr") => void;
/** What a terminal reports when its worker died under it: 128 + SIGHUP, as for a hang-up. */
const HANGUP_EXIT_CODE = 129;

/**
 * The page's Runtime: every core call goes to the emulator's Web Worker
 * (runtimeWorker.ts). Same interface as V86Runtime, so the UI cannot tell.
 * Files and `docker` come from RuntimeBase on the page, over this exec and
 * connectUnix: a file read is one exec call, one round trip to the worker.
 */
export class WorkerRuntime extends RuntimeBase {
  #link: WorkerLink;
  /** Why the current worker is gone; every call fails with it until a reset builds a new one. */
  #dead: Error | null = null;
  // Two id spaces: page call ids (pending calls, streamed exec output) and
  // the worker's stream ids (terminals, sockets). Keeping them in separate
  // maps means a call that finishes can never silence a stream that happens
  // to have the same number.
  #pending = new Map<number, Pending>();
  #execOutput = new Map<number, ExecOutput>();
  #streams = new Map<number, StreamHandlers>();
  #nextId = 1;

  /**
   * `assetsBase`: URL of the folder with manifest.json (default: `vm/` next to the page).
   * `pinTo`: when `assetsBase` comes from a link (`?vm=`), the app's own VM
   * folder: the assets are used only if they are that same build (browserAssets.ts).
   * `createWorker`: builds the emulator's worker (default: runtimeWorker.ts; tests pass a fake).
   */
  constructor(
    private readonly options: {
      assetsBase?: string;
      pinTo?: string;
      createWorker?: () => Worker;
    } = {},
  ) {
    super();
    this.#link = this.#connect();
  }

  async start(options: StartOptions = {}): Promise<void> {
    // Resolved here, against the page: inside the worker a relative URL would
    // resolve against the worker's script.
    const assetsBase = new URL(this.options.assetsBase ?? "vm/", document.baseURI).href;
    const pinTo = this.options.pinTo && new URL(this.options.pinTo, document.baseURI).href;
    await this.#call(
      {
        op: "start",
        assetsBase,
        ...(pinTo ? { pinTo } : {}),
        ...(options.from ? { from: options.from } : {}),
      },
      options.signal,
    );
  }
  async saveState(
    options: { signal?: AbortSignal; meta?: Record<string, string> } = {},
  ): Promise<Uint8Array> {
    return (await this.#call(
      { op: "saveState", ...(options.meta ? { meta: options.meta } : {}) },
      options.signal,
    )) as Uint8Array;
  }
  /** Guest instructions and disk blocks so far (guestIdle.ts tells a busy guest from an idle one). */
  guestActivity(): Promise<GuestActivity> {
    return this.#call({ op: "guestActivity" }) as Promise<GuestActivity>;
  }

  /** What v86's JIT compiled in the worker's emulator so far (for the benchmark). */
  jitCounters(): Promise<JitCounters | null> {
    return this.#call({ op: "jitCounters" }) as Promise<JitCounters | null>;
  }
  /** Restore the ready snapshot; a dead worker cannot do that, so it is replaced by a new one. */
  async reset(options: StartOptions = {}): Promise<void> {
    if (!this.#dead) {
      const call: Call = { op: "reset", ...(options.from ? { from: options.from } : {}) };
      return void (await this.#call(call, options.signal));
    }
    this.setStatus("resetting");
    this.#link = this.#connect();
    await this.start(options);
  }
  async dispose(): Promise<void> {
    if (this.status === "disposed") return;
    if (!this.#dead) await this.#call({ op: "dispose" }).catch(() => {});
    this.#link.terminate();
    this.setStatus("disposed");
  }

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const { signal, onStdout, onStderr, ...rest } = options;
    const streamOutput = Boolean(onStdout || onStderr);
    const output: ExecOutput | undefined = streamOutput
      ? (data, stream) => (stream === "stderr" ? onStderr?.(data) : onStdout?.(data))
      : undefined;
    return this.#call(
      { op: "exec", command, options: { ...rest, streamOutput } },
      signal,
      output,
    ) as Promise<ExecResult>;
  }

  async openTerminal(options: TerminalOptions): Promise<TerminalSession> {
    const sid = (await this.#call({ op: "openTerminal", ...options })) as number;
    const events = new Emitter<{ data: Uint8Array; exit: number }>();
    this.#streams.set(sid, {
      data: (d) => events.emit("data", d),
      ended: (code) => events.emit("exit", code ?? 0),
    });
    const encoder = new TextEncoder();
    return {
      write: (data) =>
        this.#post({
          type: "write",
          sid,
          data: typeof data === "string" ? encoder.encode(data) : data,
        }),
      resize: (cols, rows) => this.#post({ type: "resize", sid, cols, rows }),
      onData: (l) => events.on("data", l),
      onExit: (l) => events.on("exit", l),
      close: () => this.#post({ type: "close", sid }),
    };
  }

  connect(
    port: number,
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<ByteStream> {
    const call: Call = {
      op: "connect",
      port,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    };
    return this.#openStream(call, options.signal);
  }
  connectUnix(path: string, options: { signal?: AbortSignal } = {}): Promise<ByteStream> {
    return this.#openStream({ op: "connectUnix", path }, options.signal);
  }

  async #openStream(call: Call, signal?: AbortSignal): Promise<ByteStream> {
    const sid = (await this.#call(call, signal)) as number;
    const stream = new SinkStream({
      write: (data) => this.#post({ type: "write", sid, data }),
      end: () => this.#post({ type: "end", sid }),
      close: () => this.#post({ type: "close", sid }),
    });
    this.#streams.set(sid, { data: (d) => stream.deliver(d), ended: () => stream.finish() });
    return stream;
  }

  /** Send a call to the worker; `output` receives an exec's streamed output until the call ends. */
  #call(call: Call, signal?: AbortSignal, output?: ExecOutput): Promise<unknown> {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (this.#dead) return reject(this.#dead);
      if (signal?.aborted)
        return reject(new DOMException("The operation was aborted", "AbortError"));
      const onAbort = () => this.#post({ type: "cancel", id });
      signal?.addEventListener("abort", onAbort, { once: true });
      if (output) this.#execOutput.set(id, output);
      const done = () => {
        signal?.removeEventListener("abort", onAbort);
        if (output) this.#execOutput.delete(id);
      };
      this.#pending.set(id, {
        resolve: (v) => (done(), resolve(v)),
        reject: (e) => (done(), reject(e)),
      });
      this.#post({ type: "call", id, call });
    });
  }

  #post(message: ToWorker): void {
    this.#link.post(message);
  }

  #connect(): WorkerLink {
    this.#dead = null;
    return new WorkerLink((this.options.createWorker ?? createRuntimeWorker)(), {
      message: (msg) => this.#receive(msg),
      died: (err) => this.#died(err),
    });
  }

  /**
   * The worker crashed or stopped answering: nothing in flight will ever be
   * answered, so fail it all now (calls reject, streams end, terminals hang up).
   */
  #died(err: Error): void {
    this.#dead = err;
    for (const pending of [...this.#pending.values()]) pending.reject(err);
    this.#pending.clear();
    for (const stream of [...this.#streams.values()]) stream.ended(HANGUP_EXIT_CODE);
    this.#streams.clear();
    this.setStatus("failed");
    this.events.emit("error", err);
  }

  #receive(msg: FromWorker): void {
    switch (msg.type) {
      case "result":
        this.#pending.get(msg.id)?.resolve(msg.value);
        this.#pending.delete(msg.id);
        break;
      case "error":
        this.#pending.get(msg.id)?.reject(reviveError(msg.error));
        this.#pending.delete(msg.id);
        break;
      case "event":
        if (msg.event === "status") {
          this.setStatus(msg.value as RuntimeStatus);
          this.#link.watch(msg.value === "ready");
          break;
        }
        this.events.emit(
          msg.event,
          msg.event === "error" ? new Error((msg.value as Error).message) : (msg.value as never),
        );
        break;
      case "output":
        this.#execOutput.get(msg.id)?.(msg.data, msg.stream);
        break;
      case "data":
        this.#streams.get(msg.sid)?.data(msg.data);
        break;
      case "ended":
        this.#streams.get(msg.sid)?.ended(msg.exitCode);
        this.#streams.delete(msg.sid);
        break;
      case "pong":
        break; // any message counts as a sign of life (WorkerLink)
    }
  }
}

function createRuntimeWorker(): Worker {
  return new Worker(new URL("./runtimeWorker.ts", import.meta.url), {
    type: "module",
    name: "sandbox-vm",
  });
}

/** Errors cross postMessage as plain data; give callers back the classes they test for. */
function reviveError(error: WireError): Error {
  const { name, message } = error;
  if (name === "AbortError") return new DOMException(message, "AbortError");
  if (name === "VmAssetsMissingError") return new VmAssetsMissingError(message);
  if (name === "SandboxFileError") return new SandboxFileError(message);
  if (name === "ExecTimeoutError")
    return new ExecTimeoutError(error.command ?? "", error.timeoutMs ?? 0);
  if (name === "TimeoutError" && error.what !== undefined)
    return new TimeoutError(error.what, error.timeoutMs ?? 0);
  const err = new Error(message);
  err.name = name;
  return err;
}
