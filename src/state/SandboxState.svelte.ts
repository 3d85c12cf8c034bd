import type { Runtime, RuntimeEvents, RuntimeStatus } from "../runtime/Runtime.ts";
import { SandboxSession } from "../session/SandboxSession.ts";
import { TerminalsState } from "./TerminalsState.svelte.ts";

export type Progress = RuntimeEvents["progress"];

/** Why the sandbox is not running, with what the learner (or the site's author) can do. */
export interface SandboxError {
  kind: "assets" | "refused" | "wasm" | "crash" | "start";
  message: string;
  /** The next step, in one sentence. */
  hint: string;
}

/** Turn whatever went wrong into a message with a next step. */
export function describeError(err: unknown): SandboxError {
  const e = err instanceof Error ? err : new Error(String(err));
  if (e.name === "VmAssetsMissingError") {
    return {
      kind: "assets",
      message: e.message,
      hint: "Build the VM with `npm run vm:build` (or just `npm start`), then reload this page.",
    };
  }
  if (e.name === "VmRefusedError") {
    // Reloading the same link would refuse again: the way out is the site's own VM.
    return {
      kind: "refused",
      message: e.message,
      hint: "Open this page without ?vm= in its address to use this site's own VM.",
    };
  }
  if (/stopped responding/i.test(e.message)) {
    return {
      kind: "crash",
      message: "The sandbox stopped responding.",
      hint: "Reset the sandbox. Your files are kept; images and containers start afresh.",
    };
  }
  if (/worker crashed|lost|emulator/i.test(e.message)) {
    return {
      kind: "crash",
      message: e.message,
      hint: "Reset the sandbox. Your files are kept; images and containers start afresh.",
    };
  }
  return {
    kind: "start",
    message: e.message,
    hint: "Reload the page. If it happens again, the browser console has the VM's boot log.",
  };
}

/** The runtime as a factory, so tests can pass a fake and the page a Web Worker. */
export type RuntimeFactory = () => Promise<Runtime>;

/**
 * The default factory: v86 in a Web Worker, loaded lazily so the page paints
 * first. `assetsBase`: VM assets from a link (`?vm=`), used only if they are
 * the same build as the app's own `vm/`.
 */
export function workerRuntime(assetsBase?: string): RuntimeFactory {
  return async () => {
    const { WorkerRuntime } = await import("../runtime/worker/WorkerRuntime.ts");
    return new WorkerRuntime(assetsBase ? { assetsBase, pinTo: "vm/" } : {});
  };
}

/**
 * The sandbox as the UI sees it: lifecycle status, boot progress (bytes of
 * the VM assets, then the restore step), the error with a next step, the
 * learner's terminals, and a reset that restores the ready snapshot without
 * reloading the page.
 */
export class SandboxState {
  #status = $state<RuntimeStatus>("idle");
  #progress = $state<Progress | null>(null);
  #error = $state<SandboxError | null>(null);
  #readyMs = $state<number | null>(null);
  #runtime = $state<Runtime | null>(null);
  #startedFrom = $state<"snapshot" | "saved">("snapshot");
  #diskWaiting = $state(false);
  readonly terminals = new TerminalsState();

  /**
   * `session`: where the runtime's lifecycle is announced. Its start-up work
   * (restore the learner's files, the lesson's setup) runs while the first
   * terminal opens.
   */
  constructor(readonly session: SandboxSession = new SandboxSession()) {
    this.terminals.onInput = (data) => session.emit("terminalInput", data);
  }

  get status() {
    return this.#status;
  }
  get progress() {
    return this.#progress;
  }
  get error() {
    return this.#error;
  }
  /** Milliseconds from navigation start to a ready sandbox (first start only). */
  get readyMs() {
    return this.#readyMs;
  }
  get runtime(): Runtime | null {
    return this.#runtime;
  }
  /** Whether the running guest came from the ready snapshot or a saved sandbox. */
  get startedFrom(): "snapshot" | "saved" {
    return this.#startedFrom;
  }
  /**
   * The guest waits for disk chunks it cannot fetch (offline, not kept): its
   * command goes on by itself once the network is back. The UI says so
   * rather than look hung.
   */
  get diskWaiting(): boolean {
    return this.#diskWaiting;
  }
  get ready(): boolean {
    return this.#status === "ready" && this.#runtime !== null;
  }

  /**
   * Start the sandbox. `from`: a saved sandbox to bring back; when it cannot
   * be restored (another VM build, damaged, or the guest does not come up)
   * the ready snapshot starts instead and `onRestoreFailed` says why.
   */
  async boot(
    factory: RuntimeFactory,
    options: {
      signal?: AbortSignal;
      from?: Uint8Array | null;
      onRestoreFailed?: (error: Error) => void;
      /** The saved sandbox is up (before the terminal and the lesson's files). */
      onRestored?: () => void;
    } = {},
  ): Promise<void> {
    if (typeof WebAssembly !== "object") {
      this.#status = "failed";
      this.#error = {
        kind: "wasm",
        message: "This browser has WebAssembly turned off or does not support it.",
        hint: "Use a current Chrome, Edge, Firefox or Safari, or allow WebAssembly for this site.",
      };
      return;
    }
    this.#status = "starting";
    try {
      const runtime = await factory();
      this.#runtime = runtime;
      runtime.on("status", (s) => (this.#status = s));
      runtime.on("disk", ({ waiting }) => (this.#diskWaiting = waiting));
      runtime.on("progress", (p) => {
        this.#progress = p;
        markOnce(`sandbox:${p.phase}`);
      });
      runtime.on("error", (e) => {
        this.#error = describeError(e);
        this.#status = "failed";
        this.session.end();
      });
      const signal = options.signal ? { signal: options.signal } : {};
      this.#startedFrom = "snapshot";
      if (options.from) {
        try {
          await runtime.start({ ...signal, from: options.from });
          this.#startedFrom = "saved";
          options.onRestored?.();
        } catch (err) {
          if (options.signal?.aborted) throw err;
          options.onRestoreFailed?.(err as Error);
        }
      }
      if (this.#startedFrom === "snapshot") await runtime.start(signal);
      this.#readyMs ??= Math.round(performance.now());
      markOnce("sandbox:ready");
      await this.#afterStart(runtime);
    } catch (err) {
      this.#status = "failed";
      this.#error = describeError(err);
    }
  }

  /**
   * Throw the guest away and restore the ready snapshot (or `from`, a saved
   * sandbox); the page stays. A saved sandbox the runtime refuses (another
   * VM build, damaged) leaves the running guest as it was: the session
   * resumes on it and the error is rethrown for the caller to show.
   */
  async reset(options: { from?: Uint8Array } = {}): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime || this.#status === "resetting" || this.#status === "starting") return;
    this.terminals.closeAll();
    this.session.end();
    this.#error = null;
    this.#progress = null;
    try {
      await runtime.reset(options.from ? { from: options.from } : {});
      this.#startedFrom = options.from ? "saved" : "snapshot";
      this.#status = runtime.status;
      await this.#afterStart(runtime);
    } catch (err) {
      if (options.from && runtime.status === "ready") {
        this.#status = "ready";
        await this.#afterStart(runtime);
        throw err;
      }
      this.#status = "failed";
      this.#error = describeError(err);
    }
  }

  async #afterStart(runtime: Runtime): Promise<void> {
    // The prompt is what the learner waits for: open the terminal first and
    // let the workspace restore alongside it (docs/performance.md).
    await Promise.all([this.terminals.start(runtime), this.session.begin(runtime)]);
  }
}

/**
 * A Performance API mark at the first occurrence of each start-up phase
 * (download, restore, connect, ready): `npm run bench` reads them to split
 * the browser's time to the prompt, and so can a browser's profiler.
 */
function markOnce(name: string): void {
  if (typeof performance === "undefined" || !performance.mark) return;
  if (performance.getEntriesByName(name, "mark").length === 0) performance.mark(name);
}
