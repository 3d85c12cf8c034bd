import type { Runtime, RuntimeStatus } from "../runtime/Runtime.ts";
import { TerminalState } from "./TerminalState.svelte.ts";

/**
 * The sandbox as the UI sees it: status, boot progress, the last error, and a
 * command runner. The runtime (a Web Worker running v86) is loaded lazily so
 * the page paints before the multi-megabyte emulator arrives.
 */
export class SandboxState {
  #status = $state<RuntimeStatus>("idle");
  #progress = $state("");
  #error = $state<string | null>(null);
  #readyMs = $state<number | null>(null);
  #runtime: Runtime | null = null;
  #terminal = $state<TerminalState | null>(null);

  get status() {
    return this.#status;
  }
  get progress() {
    return this.#progress;
  }
  get error() {
    return this.#error;
  }
  /** Milliseconds from navigation start to a ready sandbox. */
  get readyMs() {
    return this.#readyMs;
  }
  get runtime(): Runtime | null {
    return this.#runtime;
  }
  /** The learner's terminal, once the sandbox is ready. */
  get terminal(): TerminalState | null {
    return this.#terminal;
  }

  /** `assetsBase`: where the VM's manifest.json lives (default: `vm/` next to the page). */
  async boot(options: { assetsBase?: string; signal?: AbortSignal } = {}): Promise<void> {
    const { assetsBase, signal } = options;
    try {
      const { WorkerRuntime } = await import("../runtime/worker/WorkerRuntime.ts");
      const runtime = new WorkerRuntime(assetsBase ? { assetsBase } : {});
      this.#runtime = runtime;
      runtime.on("status", (s) => (this.#status = s));
      runtime.on("progress", (p) => {
        const mb = (n: number) => (n / 2 ** 20).toFixed(1);
        this.#progress =
          p.phase === "download" && p.total
            ? `Downloading ${p.detail ?? "VM"}: ${mb(p.loaded)} / ${mb(p.total)} MiB`
            : {
                download: "Downloading",
                restore: "Restoring the snapshot",
                boot: "Booting",
                connect: "Connecting to Docker",
              }[p.phase];
      });
      runtime.on("error", (e) => (this.#error = e.message));
      await runtime.start(signal ? { signal } : {});
      this.#readyMs = Math.round(performance.now());
      const terminal = new TerminalState(runtime);
      await terminal.open();
      this.#terminal = terminal;
    } catch (err) {
      this.#status = "failed";
      this.#error = (err as Error).message;
    }
  }

  async run(command: string): Promise<{ exitCode: number; output: string }> {
    if (!this.#runtime) throw new Error("the sandbox is not running");
    const decoder = new TextDecoder();
    const r = await this.#runtime.exec(command);
    return { exitCode: r.exitCode, output: decoder.decode(r.stdout) + decoder.decode(r.stderr) };
  }
}
