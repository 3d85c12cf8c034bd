import {
  downloadPack,
  type PackEnvironment,
  type PackProgress,
} from "../../offline/downloadPack.ts";
import { parseOfflineManifest, type OfflineManifest } from "../../offline/offlineManifest.ts";

/** Where "Make available offline" stands. */
export type OfflinePackStatus = "idle" | "downloading" | "done" | "cancelled" | "failed";

/**
 * "Make available offline" for the course being taken: runs downloadPack,
 * one at a time, cancellable; a new run resumes (what is cached is kept).
 * Lives with its component (src/ui/offline/) rather than in src/state: only
 * the top bar's offline button uses it.
 */
export class OfflinePack {
  #status = $state<OfflinePackStatus>("idle");
  #progress = $state<PackProgress>({ done: 0, total: 0 });
  #message = $state("");
  #abort: AbortController | null = null;
  readonly #load: () => Promise<unknown>;
  readonly #vmBase: string;
  readonly #env: () => PackEnvironment | null;

  /**
   * `loadManifest`: the course's offline manifest (vm/offline.json for the
   * built-in course; null when none was recorded for this VM build); `vmBase`: the VM folder's URL; `env`: the browser's
   * APIs, or null where there is no service worker (the dev server, an
   * insecure origin).
   */
  constructor(options: {
    loadManifest: () => Promise<unknown>;
    vmBase: string;
    env: () => PackEnvironment | null;
  }) {
    this.#load = options.loadManifest;
    this.#vmBase = options.vmBase;
    this.#env = options.env;
  }

  get status(): OfflinePackStatus {
    return this.#status;
  }
  /** Bytes kept so far of the pack's total. */
  get progress(): PackProgress {
    return this.#progress;
  }
  /** What to tell the learner about the last run. */
  get message(): string {
    return this.#message;
  }

  /** Fetch the pack in the background (resuming); does nothing while one runs. */
  async start(): Promise<void> {
    if (this.#status === "downloading") return;
    const env = this.#env();
    if (!env) {
      this.#status = "failed";
      this.#message =
        "Offline use needs the built app served over HTTPS or from localhost (npm start), with service workers allowed.";
      return;
    }
    const abort = (this.#abort = new AbortController());
    this.#status = "downloading";
    this.#message = "";
    try {
      let manifest: OfflineManifest | null = null;
      try {
        manifest = parseOfflineManifest(await this.#load());
      } catch {
        manifest = null; // the VM files still come; the message says what is missing
      }
      const result = await downloadPack({
        vmBase: this.#vmBase,
        manifest,
        env,
        signal: abort.signal,
        onProgress: (p) => (this.#progress = p),
      });
      this.#status = "done";
      this.#message =
        `Available offline: ${megabytes(result.bytes)}.` +
        (result.outOfDate
          ? " No list of the lessons' disk reads was recorded for this VM build: only the sandbox's start is kept, and each lesson's disk reads are kept as you do them."
          : "") +
        (result.persisted ? "" : " The browser may still clear it when space runs low.");
    } catch (err) {
      if (abort.signal.aborted) {
        this.#status = "cancelled";
        this.#message = `Paused at ${megabytes(this.#progress.done)}: start again to resume.`;
      } else {
        this.#status = "failed";
        this.#message = `Not available offline: ${(err as Error).message}`;
      }
    } finally {
      if (this.#abort === abort) this.#abort = null;
    }
  }

  /** Stop the running download; what it fetched stays cached. */
  cancel(): void {
    this.#abort?.abort(new DOMException("cancelled", "AbortError"));
  }
}

/** Bytes as whole megabytes (decimal, as browsers show storage). */
export function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1e6)} MB`;
}
