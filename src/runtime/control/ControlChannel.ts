import type { ByteStream, Unsubscribe } from "../ByteStream.ts";
import { abortError } from "../bytes.ts";
import { Emitter } from "../Emitter.ts";
import type { ExecOptions, ExecResult, TerminalOptions, TerminalSession } from "../Runtime.ts";
import { ExecTimeoutError } from "../Runtime.ts";
import {
  FrameDecoder,
  FrameType,
  decodeCredit,
  decodeExit,
  encodeFields,
  encodeFrame,
  type Frame,
} from "./frame.ts";
import { SinkStream } from "../SinkStream.ts";
import { OutboundQueue } from "./OutboundQueue.ts";
import { MAX_OUTPUT_BYTES, OutputLimit } from "./OutputLimit.ts";

/** The raw port the frames travel over (a virtio-console port of v86). */
export interface PortIO {
  /** Deliver bytes to the guest as one event (the queue keeps events small). */
  send(bytes: Uint8Array): void;
  onReceive(listener: (bytes: Uint8Array) => void): Unsubscribe;
}

/** Per-channel callbacks for guest→host frames. */
interface ChannelHandlers {
  opened?: () => void;
  stdout?: (chunk: Uint8Array) => void;
  stderr?: (chunk: Uint8Array) => void;
  exit?: (code: number, signal: number) => void;
  error?: (message: string) => void;
  /** READY in answer to this channel's HELLO. */
  ready?: (version: string) => void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** INPUT frames are cut at this size so one big write cannot starve other channels. */
const INPUT_CHUNK = 16 * 1024;

/**
 * Host end of the control channel: multiplexes exec, terminals and Unix-socket
 * streams over one port, with credit-based flow control towards the guest.
 * Environment-neutral (Node and Web Worker); knows nothing about v86.
 */
export class ControlChannel {
  #decoder = new FrameDecoder();
  #out: OutboundQueue;
  #channels = new Map<number, ChannelHandlers>();
  #nextId = 1;
  #closed: Error | null = null;
  #events = new Emitter<{ ready: string; lost: Error }>();
  #unsubscribePort: Unsubscribe;
  /** Guest frames skipped because they were malformed or their handler threw. */
  #dropped = 0;

  /**
   * `firstId`: where channel ids start. A guest restored from a saved
   * sandbox still holds the channels open at save time: new ids start after
   * them so a new channel never lands on a stale one (see {@link closeStale}).
   */
  constructor(port: PortIO, options: { firstId?: number } = {}) {
    if (options.firstId && options.firstId > 0 && options.firstId < 0x7fffffff)
      this.#nextId = options.firstId;
    this.#out = new OutboundQueue((bytes) => port.send(bytes));
    this.#unsubscribePort = port.onReceive((bytes) => this.#receive(bytes));
  }

  /** The agent announced itself unprompted (it just started: the image build waits for this). */
  onReady(listener: (version: string) => void): Unsubscribe {
    return this.#events.on("ready", listener);
  }

  /**
   * Handshake: tell the agent the host's wall clock (a restored snapshot's
   * clock is stale) and wait for its READY answer.
   */
  hello(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string> {
    const id = this.#allocate();
    // The agent answers on the HELLO's channel id, so a late answer to a
    // timed-out hello finds no handler and cannot resolve a newer one.
    return this.#await(id, options, "hello", (resolve) => {
      this.#channels.set(id, { ready: resolve });
      this.#send(FrameType.Hello, id, encoder.encode(String(Date.now())));
    });
  }

  /**
   * A sign of life: an empty HELLO, which the agent answers with READY
   * without touching the guest clock (each HELLO with a time sets it, and a
   * stale one would make the clock jump back).
   */
  ping(options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<void> {
    const id = this.#allocate();
    return this.#await(id, options, "ping", (resolve) => {
      this.#channels.set(id, { ready: () => resolve(undefined) });
      this.#send(FrameType.Hello, id);
    });
  }

  /** Run `sh -c command` in the guest; see {@link ExecOptions}. */
  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    const id = this.#allocate();
    const max = options.maxOutputBytes ?? MAX_OUTPUT_BYTES;
    const stdout = new OutputLimit(max);
    const stderr = new OutputLimit(max);
    return this.#await(id, options, command, (resolve, reject) => {
      this.#channels.set(id, {
        stdout: (c) => (stdout.push(c), options.onStdout?.(c)),
        stderr: (c) => (stderr.push(c), options.onStderr?.(c)),
        exit: (exitCode, signal) =>
          resolve({
            exitCode,
            ...(signal ? { signal } : {}),
            stdout: stdout.bytes(),
            stderr: stderr.bytes(),
            ...(stdout.truncated || stderr.truncated ? { truncated: true } : {}),
          }),
        error: (message) => reject(new Error(`exec failed: ${message}`)),
      });
      const env = Object.entries(options.env ?? {}).map(([k, v]) => `${k}=${v}`);
      const fields = [
        options.cwd ?? "/workspace",
        String(env.length),
        ...env,
        command,
        ...(options.args ?? []),
      ];
      this.#send(FrameType.Exec, id, encodeFields(fields));
      const input =
        typeof options.stdin === "string" ? encoder.encode(options.stdin) : options.stdin;
      if (input) this.#input(id, input);
      this.#send(FrameType.Input, id); // EOF
    });
  }

  /** Start a shell on a pseudo-terminal. */
  async openPty(options: TerminalOptions): Promise<TerminalSession> {
    const id = this.#allocate();
    const data = new Emitter<{ data: Uint8Array; exit: number }>();
    await this.#await(
      id,
      {},
      "terminal",
      (resolve, reject) => {
        this.#channels.set(id, {
          opened: () => resolve(undefined),
          stdout: (c) => data.emit("data", c),
          exit: (code) => (this.#channels.delete(id), data.emit("exit", code)),
          error: (message) => reject(new Error(`cannot open terminal: ${message}`)),
        });
        const fields = [
          String(options.cols),
          String(options.rows),
          options.cwd ?? "/workspace",
          options.command ?? "",
        ];
        this.#send(FrameType.Pty, id, encodeFields(fields));
      },
      /* keepOnResolve */ true,
    );
    return {
      write: (bytes) => this.#input(id, typeof bytes === "string" ? encoder.encode(bytes) : bytes),
      resize: (cols, rows) =>
        this.#send(FrameType.Resize, id, encodeFields([String(cols), String(rows)])),
      onData: (listener) => data.on("data", listener),
      onExit: (listener) => data.on("exit", listener),
      close: () => {
        if (this.#channels.delete(id)) this.#send(FrameType.Close, id);
      },
    };
  }

  /** A byte stream to a Unix socket in the guest. */
  async openUnix(path: string, options: { signal?: AbortSignal } = {}): Promise<ByteStream> {
    const id = this.#allocate();
    const stream = new SinkStream({
      write: (bytes) => this.#input(id, bytes),
      end: () => this.#send(FrameType.Input, id),
      close: () => {
        if (this.#channels.delete(id)) this.#send(FrameType.Close, id);
      },
    });
    await this.#await(
      id,
      options,
      `connect ${path}`,
      (resolve, reject) => {
        this.#channels.set(id, {
          opened: () => resolve(undefined),
          stdout: (c) => stream.deliver(c),
          exit: () => (this.#channels.delete(id), stream.finish()),
          error: (message) => reject(new Error(message)),
        });
        this.#send(FrameType.Unix, id, encoder.encode(path));
      },
      true,
    );
    return stream;
  }

  /** Fail everything in flight (the VM went away) and stop using the port. */
  close(reason: Error): void {
    if (this.#closed) return;
    this.#closed = reason;
    this.#unsubscribePort();
    this.#out.clear();
    for (const handlers of [...this.#channels.values()]) handlers.error?.(reason.message);
    this.#channels.clear();
    this.#events.emit("lost", reason);
  }

  /** The ids in use and the next one: what a saved sandbox records (sandboxFile.ts). */
  snapshot(): { next: number; open: number[] } {
    return { next: this.#nextId, open: [...this.#channels.keys()] };
  }

  /**
   * Close channels this host does not know: those a restored guest still had
   * open when it was saved (their shells get SIGHUP, their commands SIGKILL,
   * their sockets close). The agent ignores ids it has no channel for.
   */
  closeStale(ids: readonly number[]): void {
    for (const id of ids) if (!this.#channels.has(id)) this.#send(FrameType.Close, id);
  }

  /** Number of open channels (for tests and leak checks). */
  get openChannels(): number {
    return this.#channels.size;
  }

  #allocate(): number {
    if (this.#closed) throw this.#closed;
    const id = this.#nextId;
    this.#nextId = this.#nextId >= 0x7fffffff ? 1 : this.#nextId + 1;
    return id;
  }

  /**
   * Wrap a channel's lifetime in a promise with timeout and abort handling.
   * On timeout/abort the guest side is killed (CLOSE) and the channel freed.
   */
  #await<T>(
    id: number,
    options: { signal?: AbortSignal; timeoutMs?: number },
    what: string,
    start: (resolve: (v: T) => void, reject: (e: Error) => void) => void,
    keepOnResolve = false,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const { signal, timeoutMs } = options;
      if (signal?.aborted) return reject(abortError(signal));
      let timer: ReturnType<typeof setTimeout> | undefined;
      const cleanup = () => {
        if (timer) clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
      };
      const cancel = (err: Error) => {
        cleanup();
        if (this.#channels.delete(id) && !this.#closed) this.#send(FrameType.Close, id);
        reject(err);
      };
      const onAbort = () => cancel(abortError(signal));
      signal?.addEventListener("abort", onAbort, { once: true });
      // Infinity means no limit (setTimeout would fire it at once).
      if (timeoutMs !== undefined && Number.isFinite(timeoutMs))
        timer = setTimeout(() => cancel(new ExecTimeoutError(what, timeoutMs)), timeoutMs);
      start(
        (value) => {
          cleanup();
          if (!keepOnResolve) this.#channels.delete(id);
          resolve(value);
        },
        (err) => {
          cleanup();
          this.#channels.delete(id);
          reject(err);
        },
      );
    });
  }

  #input(id: number, bytes: Uint8Array): void {
    for (let off = 0; off < bytes.length; off += INPUT_CHUNK) {
      this.#send(FrameType.Input, id, bytes.subarray(off, off + INPUT_CHUNK));
    }
  }

  #send(type: number, id: number, payload?: Uint8Array): void {
    if (this.#closed) throw this.#closed;
    this.#out.push(encodeFrame(type, id, payload));
  }

  #receive(bytes: Uint8Array): void {
    // Each frame on its own: one bad frame must not lose the rest of the batch
    // (nor throw into v86's device callback, which would crash the worker).
    for (const frame of this.#decoder.push(bytes)) {
      try {
        this.#dispatch(frame);
      } catch (err) {
        this.#drop(frame, (err as Error).message);
      }
    }
  }

  /** Skip a frame; only the first is logged, so a flood of garbage cannot flood the console. */
  #drop(frame: Frame, why: string): void {
    if (this.#dropped++ === 0) {
      console.warn(
        `control channel: skipped a frame of type 0x${frame.type.toString(16)} on channel ${frame.channel} (${why}); further ones are skipped silently`,
      );
    }
  }

  #dispatch(frame: Frame): void {
    const { type, channel, payload } = frame;
    if (type === FrameType.Credit) {
      const bytes = decodeCredit(payload);
      if (bytes === null) return this.#drop(frame, "short CREDIT payload");
      this.#out.credit(bytes);
      return;
    }
    const handlers = this.#channels.get(channel);
    if (type === FrameType.Ready) {
      const version = decoder.decode(payload);
      if (handlers?.ready) handlers.ready(version);
      else this.#events.emit("ready", version); // unsolicited: the agent just started
      return;
    }
    if (!handlers) return; // late output of a cancelled channel
    switch (type) {
      case FrameType.Opened:
        handlers.opened?.();
        break;
      case FrameType.Stdout:
        handlers.stdout?.(payload);
        break;
      case FrameType.Stderr:
        handlers.stderr?.(payload);
        break;
      case FrameType.Exit: {
        const exit = decodeExit(payload);
        if (!exit) return this.#drop(frame, "short EXIT payload");
        handlers.exit?.(exit.code, exit.signal);
        break;
      }
      case FrameType.Error:
        handlers.error?.(decoder.decode(payload));
        break;
    }
  }
}
