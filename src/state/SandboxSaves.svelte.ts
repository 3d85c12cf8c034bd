import type { Runtime, RuntimeEvents } from "../runtime/Runtime.ts";
import type { SandboxSession } from "../session/SandboxSession.ts";
import type { SavedSandboxStore, SavedSandboxSummary } from "./savedSandboxStore.ts";

/** Why a save happens; automatic ones are skipped when nothing changed. */
export type SaveReason = "step" | "hidden" | "button" | "opened";

export interface SandboxSavesOptions {
  /** No more than one automatic save per this long (ms). Default 20 s. */
  minIntervalMs?: number;
  /** The lesson open now (kept with the save). */
  lesson?: () => string | null;
  /** The lessons whose setup ran in this VM, comma-separated (kept with the save). */
  setUp?: () => string;
  /** Where each save's time went (default: the console). */
  log?: (line: string) => void;
}

/**
 * Keeping the learner's sandbox across reloads: the whole VM (images,
 * containers, volumes, networks, files) saved to this browser at sensible
 * moments — after a step passes, when the tab is hidden, on "Save sandbox" —
 * and brought back on the next visit (AppState.start). Automatic saves run
 * only when something happened since the last one (a Docker event, typing,
 * a file change), at most one every `minIntervalMs`, never two at once.
 *
 * A save pauses the guest for the snapshot (about a second) and compresses
 * in the emulator's worker: the page and its terminal stay responsive.
 */
export class SandboxSaves {
  #summary = $state<SavedSandboxSummary | null>(null);
  #saving = $state(false);
  #error = $state<string | null>(null);
  /** How long the last save took (ms), for the menu and the benchmark. */
  #lastSaveMs = $state<number | null>(null);
  #restored = $state<SavedSandboxSummary | null>(null);
  #restoreProblem = $state<string | null>(null);
  /** Something changed since the last save. */
  #dirty = false;
  #lastAutomatic = 0;
  #runtime: Runtime | null = null;
  #inFlight: Promise<boolean> | null = null;

  constructor(
    readonly store: SavedSandboxStore | null,
    private readonly options: SandboxSavesOptions = {},
  ) {}

  /** The sandbox kept in this browser, or null. */
  get summary() {
    return this.#summary;
  }
  get saving() {
    return this.#saving;
  }
  /** The last save failed (quota, a crashed VM): shown in the sandbox menu. */
  get error() {
    return this.#error;
  }
  get lastSaveMs() {
    return this.#lastSaveMs;
  }
  /** This run came from the kept sandbox (shown with "Start fresh"). */
  get restored() {
    return this.#restored;
  }
  /** The kept sandbox could not be restored: why (the run started fresh instead). */
  get restoreProblem() {
    return this.#restoreProblem;
  }

  /** Follow a session: what counts as a change, and which runtime to save. */
  attach(session: SandboxSession): void {
    const changed = () => (this.#dirty = true);
    session.disposables.add(session.on("docker", changed));
    session.disposables.add(session.on("terminalInput", changed));
    session.disposables.add(session.on("workspaceChanged", changed));
    session.disposables.add(session.on("started", (runtime) => (this.#runtime = runtime)));
    session.disposables.add(session.on("stopping", () => (this.#runtime = null)));
  }

  /** Read the summary of the kept sandbox (the menu shows it). */
  async load(): Promise<SavedSandboxSummary | null> {
    this.#summary = (await this.store?.summary().catch(() => null)) ?? null;
    return this.#summary;
  }

  /** The kept sandbox's bytes for a restore at start, or null. */
  async bytesForRestore(): Promise<Uint8Array | null> {
    if (!this.store || !(await this.load())) return null;
    return this.store.load().catch(() => null);
  }

  /** The start restored the kept sandbox (or could not: `problem`). */
  noteRestore(summary: SavedSandboxSummary | null, problem: string | null = null): void {
    this.#restored = problem ? null : summary;
    this.#restoreProblem = problem;
  }

  /**
   * Nothing worth saving has happened yet: a fresh start's files and setup
   * come back by themselves on a reload, a restored sandbox is already kept.
   */
  markClean(): void {
    this.#dirty = false;
  }

  /** Dismiss the "restored" and "could not restore" notes. */
  dismissNote(): void {
    this.#restored = null;
    this.#restoreProblem = null;
  }

  /**
   * Save now and keep it in this browser. Automatic reasons save only when
   * something changed and not more often than `minIntervalMs`. Resolves
   * with whether a save was made; never rejects (the error is in `error`).
   */
  async save(reason: SaveReason): Promise<boolean> {
    const automatic = reason === "step" || reason === "hidden";
    if (automatic) {
      if (!this.#dirty) return false;
      const since = Date.now() - this.#lastAutomatic;
      if (since < (this.options.minIntervalMs ?? 20_000)) return false;
    }
    if (this.#inFlight) {
      await this.#inFlight;
      if (automatic) return false;
    }
    this.#inFlight = this.#save(automatic);
    try {
      return await this.#inFlight;
    } finally {
      this.#inFlight = null;
    }
  }

  /** A fresh save as a file's bytes (Download sandbox); also kept in this browser. */
  async snapshot(): Promise<Uint8Array> {
    const runtime = this.#require();
    const bytes = await runtime.saveState({ meta: this.#meta() });
    await this.#keep(bytes).catch(() => {});
    return bytes;
  }

  /** Forget the kept sandbox (Start fresh). */
  async forget(): Promise<void> {
    await this.store?.clear();
    this.#summary = null;
    this.#restored = null;
    this.#restoreProblem = null;
    this.#dirty = false;
  }

  /** Keep `bytes` (a sandbox just opened from a file) as this browser's sandbox. */
  async adopt(bytes: Uint8Array): Promise<void> {
    await this.#keep(bytes);
    this.#dirty = false;
  }

  async #save(automatic: boolean): Promise<boolean> {
    const runtime = this.#runtime;
    if (!runtime || runtime.status !== "ready" || !this.store) return false;
    this.#saving = true;
    const started = performance.now();
    const dirtyBefore = this.#dirty;
    this.#dirty = false;
    if (automatic) this.#lastAutomatic = Date.now();
    let phases: RuntimeEvents["saved"] | null = null;
    const off = runtime.on("saved", (p) => (phases = p));
    try {
      const bytes = await runtime.saveState({ meta: this.#meta() });
      const storing = performance.now();
      await this.#keep(bytes);
      this.#lastSaveMs = Math.round(performance.now() - started);
      this.#error = null;
      this.#log(savedLine(this.#lastSaveMs, Math.round(performance.now() - storing), phases));
      return true;
    } catch (err) {
      this.#dirty ||= dirtyBefore;
      const reason = (err as Error).message.replace(/\.$/, "");
      this.#error = `The sandbox could not be saved in this browser: ${reason}. Use Download sandbox to keep it as a file.`;
      return false;
    } finally {
      off();
      this.#saving = false;
    }
  }

  async #keep(bytes: Uint8Array): Promise<void> {
    if (!this.store) return;
    const summary: SavedSandboxSummary = {
      savedAt: new Date().toISOString(),
      bytes: bytes.length,
      lesson: this.options.lesson?.() ?? null,
    };
    await this.store.save(bytes, summary);
    this.#summary = summary;
  }

  #log(line: string): void {
    (this.options.log ?? console.info)(line);
  }

  #meta(): Record<string, string> {
    const lesson = this.options.lesson?.();
    const setUp = this.options.setUp?.();
    return { ...(lesson ? { lesson } : {}), ...(setUp ? { setUp } : {}) };
  }

  #require(): Runtime {
    if (!this.#runtime || this.#runtime.status !== "ready") {
      throw new Error("The sandbox is not running yet: wait until it has started.");
    }
    return this.#runtime;
  }
}

/** "[sandbox] saved in 4.2 s: drop cache 0.5 s, snapshot 1.1 s, …" for the console. */
function savedLine(totalMs: number, storeMs: number, p: RuntimeEvents["saved"] | null): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
  const parts = p
    ? [
        `drop cache ${s(p.dropCacheMs)}`,
        `snapshot ${s(p.snapshotMs)}`,
        `compress ${s(p.compressMs)} (${mb(p.rawBytes)} → ${mb(p.fileBytes)})`,
      ]
    : [];
  return `[sandbox] saved in ${s(totalMs)}: ${[...parts, `store ${s(storeMs)}`].join(", ")}`;
}
