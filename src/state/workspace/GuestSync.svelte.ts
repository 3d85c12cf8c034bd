import type { WorkspaceEntry } from "../../runtime/Runtime.ts";
import type { DockerEvent } from "../../runtime/docker/types.ts";
import type { Guest } from "./Guest.svelte.ts";

export interface SyncOptions {
  /** How often to look for changes made in the terminal (paused while the page is hidden). Default 3 s. */
  pollMs?: number;
  /** Wait after Enter in a terminal, or after a container stopped, before looking for changes. Default 800 ms. */
  afterEnterMs?: number;
}

export interface SyncHooks {
  /** Each new listing, before it is compared with the last: re-read what changed. */
  listed: (entries: readonly WorkspaceEntry[]) => Promise<void>;
  /** The listing differs from the last one (files changed, or the first listing). */
  changed: () => void;
}

/** What moves when a file changes: a file is re-read only when this did. */
export const signature = (e: WorkspaceEntry): string => `${e.type}:${e.size}:${e.mtimeMs}`;

/** Container events after which a bind mount may have left files in /workspace. */
const STOPPED = new Set(["die", "destroy"]);

/**
 * Follows the guest's /workspace: a cheap `find` listing (one exec), polled
 * while the page is visible and taken soon after Enter in a terminal or a
 * container stopping. Only a listing that differs from the last counts as a
 * change; what to re-read is left to {@link SyncHooks.listed}.
 */
export class GuestSync {
  #entries = $state<WorkspaceEntry[]>([]);
  #listing = "";
  #refreshing: Promise<void> | null = null;
  #poll: ReturnType<typeof setInterval> | null = null;
  #soonTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #options: Required<SyncOptions>;

  constructor(
    private readonly guest: Guest,
    private readonly hooks: SyncHooks,
    options: SyncOptions = {},
  ) {
    this.#options = { pollMs: 3000, afterEnterMs: 800, ...options };
  }

  /** Every file and folder, sorted by path, as last listed. */
  get entries(): readonly WorkspaceEntry[] {
    return this.#entries;
  }

  /** Forget the last listing: the next one counts as a change. */
  reset(): void {
    this.#listing = "";
  }

  /** List the workspace now (joins a listing under way). */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  /** Poll every `pollMs`, skipping while the page is hidden. */
  start(): void {
    this.stop();
    this.#poll = setInterval(() => {
      if (typeof document !== "undefined" && document.hidden) return;
      void this.refresh();
    }, this.#options.pollMs);
  }

  stop(): void {
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
  }

  /** The learner typed into a terminal: after Enter, look for changed files soon. */
  noticeTerminalInput(data: string): void {
    if (data.includes("\r")) this.#soon();
  }

  /**
   * A container died or was removed: one with a bind mount may have written
   * into /workspace, so look soon (a `--rm` container's die and destroy
   * come together and make one listing).
   */
  noticeDockerEvent(event: DockerEvent): void {
    if (event.Type === "container" && STOPPED.has(event.Action)) this.#soon();
  }

  dispose(): void {
    this.stop();
    if (this.#soonTimer) clearTimeout(this.#soonTimer);
    this.#soonTimer = null;
  }

  #soon(): void {
    if (this.#soonTimer) clearTimeout(this.#soonTimer);
    this.#soonTimer = setTimeout(() => void this.refresh(), this.#options.afterEnterMs);
  }

  async #refresh(): Promise<void> {
    const runtime = this.guest.runtime;
    if (!runtime) return;
    let entries: WorkspaceEntry[];
    try {
      entries = await runtime.listFiles();
    } catch (err) {
      this.guest.error = (err as Error).message;
      return;
    }
    this.#entries = entries;
    await this.hooks.listed(entries);
    const listing = entries.map((e) => `${e.path}=${signature(e)}`).join("\n");
    if (listing !== this.#listing) {
      this.#listing = listing;
      this.hooks.changed();
    }
  }
}
