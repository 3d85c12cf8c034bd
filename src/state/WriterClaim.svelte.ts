import type { Release } from "./tabLocks.ts";
import type { WorkspaceStore } from "./workspaceStore.ts";

/**
 * "writer": this tab keeps the lesson's copy. "reader": another tab on the
 * lesson does. "outdated": that tab let go (closed, or left the lesson)
 * after keeping newer files than this tab restored, so writing now would
 * throw them away.
 */
export type WriterRole = "claiming" | "writer" | "reader" | "outdated";

/**
 * This tab's claim to be the one writing a lesson's kept copy (each tab
 * runs its own VM; two writers would overwrite each other's files). A tab
 * that finds another writing waits, and takes over when that tab closes.
 */
export class WriterClaim {
  #role = $state<WriterRole>("claiming");
  #release: Release | null = null;
  #closed = false;
  readonly #waiting = new AbortController();
  /** Resolves once the first answer is in: writer or reader. */
  readonly settled: Promise<void>;

  /**
   * @param restoredFrom the `savedAt` of the copy this tab restored: null for
   *   none, undefined before a restore (then any copy is fine to continue).
   * @param onWriter called when the tab becomes the writer after waiting.
   */
  constructor(
    private readonly store: WorkspaceStore,
    private readonly restoredFrom: () => string | null | undefined,
    private readonly onWriter: () => void,
  ) {
    this.settled = this.#claim();
  }

  get role(): WriterRole {
    return this.#role;
  }

  /** Why this tab does not keep its files, for the learner; null when it does. */
  get problem(): string | null {
    if (this.#role === "reader") {
      return "This lesson is open in another tab, and only that tab keeps its files in this browser: changes made here are lost on reload. Close the lesson there to keep them here.";
    }
    if (this.#role === "outdated") {
      return "Another tab kept newer files for this lesson after this tab opened it. Reload this tab to continue with them: changes made here are not kept.";
    }
    return null;
  }

  /** Give the claim up (another lesson, or the page is going away). */
  close(): void {
    this.#closed = true;
    this.#waiting.abort();
    this.#release?.();
    this.#release = null;
  }

  async #claim(): Promise<void> {
    // Locks that fail outright (an odd embedding) must not stop saving: this tab writes.
    const release = await this.store.claim().catch(() => () => {});
    if (this.#closed) return release?.();
    if (release) {
      this.#release = release;
      this.#role = "writer";
      return;
    }
    this.#role = "reader";
    this.store.waitForClaim(this.#waiting.signal).then(
      (release) => void this.#takeOver(release),
      () => {}, // closed while waiting
    );
  }

  async #takeOver(release: Release): Promise<void> {
    if (this.#closed) return release();
    this.#release = release;
    const restored = this.restoredFrom();
    if (restored !== undefined) {
      const kept = await this.store.load().catch(() => null);
      if (this.#closed) return;
      if ((kept?.savedAt ?? null) !== restored) {
        this.#role = "outdated";
        return;
      }
    }
    this.#role = "writer";
    this.onWriter();
  }
}
