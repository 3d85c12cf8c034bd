import type { Runtime, WorkspaceEntry } from "../../runtime/Runtime.ts";
import { PACK_WORKSPACE } from "../../runtime/workspace.ts";
import type { WorkspaceStore } from "../workspaceStore.ts";
import { WriterClaim } from "../WriterClaim.svelte.ts";

/** The kept copy of the workspace (kept across reloads) is capped at this. */
export const MAX_SNAPSHOT_BYTES = 8 << 20;

/**
 * PACK_WORKSPACE cut off after `limit + 1` bytes: when the workspace is too
 * large, tar stops (SIGPIPE) there instead of streaming all of it into the
 * page first. Exits with tar's status (`head` would hide it).
 */
export function packCommand(limit = MAX_SNAPSHOT_BYTES): string {
  return `s=$(mktemp) && { ${PACK_WORKSPACE}; echo $? >"$s"; } | head -c ${limit + 1}; r=$(cat "$s"); rm -f "$s"; exit "$r"`;
}

/**
 * A lower bound of the size of the workspace's tar: a 512-byte header per
 * entry, file contents in 512-byte blocks. Over the limit, packing is not
 * even started.
 */
export function tarSizeAtLeast(entries: readonly WorkspaceEntry[]): number {
  return entries.reduce(
    (n, e) => n + 512 + (e.type === "file" ? Math.ceil(e.size / 512) * 512 : 0),
    0,
  );
}

/** Editor text not in the kept copy yet; `inGuest` once it was written to the guest. */
interface Edit {
  text: string;
  inGuest: boolean;
}

export interface KeeperOptions {
  /** Debounce between a change in the workspace and taking a copy. Default 1 s. */
  snapshotDelayMs?: number;
  /** Debounce between a keystroke and keeping the editor text. Default 300 ms. */
  editsDelayMs?: number;
}

const mib = (bytes: number) => Math.ceil(bytes / (1 << 20));
/** An error's message, to go inside a sentence. */
const messageOf = (err: unknown) =>
  (err instanceof Error ? err.message : String(err)).replace(/\.$/, "");
const DOWNLOAD = "Use “Download files” to keep a copy of them.";

/**
 * Keeps a lesson's workspace in the browser: a tar of /workspace taken a
 * moment after each change, and the editor's text until a tar has it (so
 * edits made while the VM is down survive a reload). Only one tab writes a
 * lesson's copy. Every failure to keep files is shown to the learner: a
 * reload would otherwise bring back an older copy without a word.
 */
export class WorkspaceKeeper {
  #store: WorkspaceStore | null = null;
  /** Whether this tab writes the store: only one tab on a lesson does. */
  #claim = $state.raw<WriterClaim | null>(null);
  /** The `savedAt` of the copy this tab restored (null: none); undefined before a restore. */
  #restoredFrom: string | null | undefined = undefined;
  /** The kept copy could not be read: writing now could replace files the learner still has. */
  #unreadable = false;
  #hasCopy = false;
  #markedStale = false;
  #copyError = $state<string | null>(null);
  #editsError = $state<string | null>(null);
  #restored = $state<string | null>(null);
  #edits = new Map<string, Edit>();
  #editsTimer: ReturnType<typeof setTimeout> | null = null;
  #editsWrite: Promise<void> = Promise.resolve();
  #editsInFlight = 0;
  #snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  #persisting = false;
  readonly #options: Required<KeeperOptions>;

  /** `takeCopy` packs the workspace (it calls {@link persist}); it runs when a copy is due. */
  constructor(
    store: WorkspaceStore | null,
    private readonly takeCopy: () => Promise<void>,
    options: KeeperOptions = {},
  ) {
    this.#options = { snapshotDelayMs: 1000, editsDelayMs: 300, ...options };
    this.#open(store);
  }

  /** Why files are not being kept right now, for the learner; null while all is well. */
  get problem(): string | null {
    return this.#claim?.problem ?? this.#copyError ?? this.#editsError;
  }

  /** Set when the files restored are older than the learner's last workspace: says so and why. */
  get restoreNotice(): string | null {
    return this.#restored;
  }
  dismissRestoreNotice(): void {
    this.#restored = null;
  }

  /** True while a copy or editor text is waiting to be kept (a reload now could lose it). */
  get pending(): boolean {
    return (
      this.#snapshotTimer !== null ||
      this.#persisting ||
      this.#editsTimer !== null ||
      this.#editsInFlight > 0
    );
  }

  /** Editor text is kept in the browser as it is typed (this tab writes, and the last write worked). */
  get keepsEdits(): boolean {
    return this.#claim?.role === "writer" && this.#editsError === null;
  }

  /** Keep another lesson's workspace from now on; this one's editor text is written first. */
  async use(store: WorkspaceStore | null): Promise<void> {
    if (this.#editsTimer) await this.#writeEdits();
    await this.#editsWrite;
    this.#close();
    this.#open(store);
  }

  /**
   * The kept copy (null: none) and the editor text newer than it, by path,
   * to put back into a fresh guest.
   */
  async load(): Promise<{ tar: Uint8Array | null; edits: Record<string, string> }> {
    const store = this.#store;
    if (store) {
      try {
        const [copy, kept] = await Promise.all([store.load(), store.loadEdits()]);
        this.#restoredFrom = copy?.savedAt ?? null;
        this.#hasCopy = copy !== null;
        this.#markedStale = !!copy?.stale;
        if (copy?.stale) {
          const when = copy.savedAt ? ` on ${new Date(copy.savedAt).toLocaleString()}` : "";
          this.#restored = `These are your files as this browser kept them${when}. Later changes were not kept: ${copy.stale}.`;
        }
        for (const [path, text] of Object.entries(kept)) {
          if (!this.#edits.has(path)) this.#edits.set(path, { text, inGuest: false });
        }
        if (copy) return { tar: copy.tar, edits: this.#editTexts() };
      } catch (err) {
        this.#unreadable = true;
        this.#copyError = `Your files kept in this browser could not be read: ${messageOf(err)}. The lesson's start files are shown instead, and nothing is saved over your kept files; reload to try again.`;
      }
    }
    return { tar: null, edits: this.#editTexts() };
  }

  /** The learner typed: keep the text soon (it reaches the guest on its own debounce). */
  edited(path: string, text: string): void {
    this.#edits.set(path, { text, inGuest: false });
    this.#scheduleEdits();
  }

  /** `text` is now in the guest: the next copy taken includes it. */
  wroteToGuest(path: string, text: string): void {
    const edit = this.#edits.get(path);
    if (edit?.text === text) edit.inGuest = true;
  }

  renamed(from: string, to: string): void {
    for (const [path, edit] of [...this.#edits]) {
      if (path !== from && !path.startsWith(from + "/")) continue;
      this.#edits.delete(path);
      this.#edits.set(to + path.slice(from.length), edit);
    }
    this.#scheduleEdits();
  }

  removed(path: string): void {
    for (const p of [...this.#edits.keys()]) {
      if (p === path || p.startsWith(path + "/")) this.#edits.delete(p);
    }
    this.#scheduleEdits();
  }

  /** The workspace changed: take a copy after the debounce (restarting it). */
  schedule(): void {
    const role = this.#claim?.role;
    if (role !== "writer" && role !== "claiming") return;
    if (this.#snapshotTimer) clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = setTimeout(() => void this.takeCopy(), this.#options.snapshotDelayMs);
  }

  /**
   * Copy the workspace of `runtime` (listed as `entries`) into the store now.
   * Too large, unpackable or refused by the browser: the learner is told, and
   * the older copy is flagged so its restore says it is older.
   */
  async persist(runtime: Runtime | null, entries: readonly WorkspaceEntry[]): Promise<void> {
    if (this.#snapshotTimer) clearTimeout(this.#snapshotTimer);
    this.#snapshotTimer = null;
    const store = this.#store;
    if (!runtime || !store) return;
    this.#persisting = true;
    try {
      if (!(await this.#writes(store)) || this.#unreadable) return;
      const atLeast = tarSizeAtLeast(entries);
      if (atLeast > MAX_SNAPSHOT_BYTES) return await this.#tooLarge(store, atLeast);
      // Editor text in the guest now is in this tar: it need not be kept apart after.
      const covered = [...this.#edits]
        .filter(([, e]) => e.inGuest)
        .map(([path, e]): [string, string] => [path, e.text]);
      let packed;
      try {
        packed = await runtime.exec(packCommand(), { cwd: "/", timeoutMs: 60_000 });
      } catch (err) {
        this.#copyError = `Your files could not be packed to keep in this browser: ${messageOf(err)}. ${DOWNLOAD}`;
        return;
      }
      if (packed.stdout.length > MAX_SNAPSHOT_BYTES) return await this.#tooLarge(store, null);
      // GNU tar's status 1 means a file changed while it was read: the archive is
      // still whole. A tar is never empty (it ends with zero blocks).
      if (packed.exitCode > 1 || packed.stdout.length === 0) {
        const reason = new TextDecoder().decode(packed.stderr).trim();
        this.#copyError = `Your files could not be packed to keep in this browser: ${reason || `tar exited with ${packed.exitCode} and printed nothing`}. ${DOWNLOAD}`;
        return;
      }
      try {
        await store.save(packed.stdout);
      } catch (err) {
        const reason = messageOf(err);
        this.#copyError = `Your files could not be saved in this browser: ${reason}. They are still in the sandbox. ${DOWNLOAD}`;
        await this.#markStale(store, `this browser refused to store them (${reason})`);
        return;
      }
      this.#copyError = null;
      this.#hasCopy = true;
      this.#markedStale = false;
      for (const [path, text] of covered) {
        if (this.#edits.get(path)?.text === text) this.#edits.delete(path);
      }
      if (covered.length) await this.#writeEdits();
    } finally {
      this.#persisting = false;
    }
  }

  /** Reset lesson: drop the kept copy and editor text (only the writing tab; another tab's copy stays). */
  async forget(): Promise<void> {
    this.#clearTimers();
    this.#edits.clear();
    this.#copyError = this.#editsError = this.#restored = null;
    this.#hasCopy = this.#markedStale = false;
    const store = this.#store;
    if (!store || !(await this.#writes(store))) return;
    try {
      await store.clear();
    } catch (err) {
      this.#copyError = `Your earlier files could not be removed from this browser: ${messageOf(err)}. A reload may bring them back.`;
    }
  }

  dispose(): void {
    this.#close();
  }

  #open(store: WorkspaceStore | null): void {
    this.#store = store;
    this.#restoredFrom = undefined;
    this.#unreadable = this.#hasCopy = this.#markedStale = false;
    this.#copyError = this.#editsError = this.#restored = null;
    this.#claim = store
      ? new WriterClaim(
          store,
          () => this.#restoredFrom,
          () => {
            this.#scheduleEdits();
            this.schedule();
          },
        )
      : null;
  }

  #close(): void {
    this.#clearTimers();
    this.#edits.clear();
    this.#claim?.close();
    this.#claim = null;
    this.#store = null;
  }

  /** Whether this tab writes `store` (once the claim is answered), and `store` is still the one kept. */
  async #writes(store: WorkspaceStore): Promise<boolean> {
    const claim = this.#claim;
    await claim?.settled;
    return store === this.#store && claim === this.#claim && claim?.role === "writer";
  }

  #clearTimers(): void {
    if (this.#snapshotTimer) clearTimeout(this.#snapshotTimer);
    if (this.#editsTimer) clearTimeout(this.#editsTimer);
    this.#snapshotTimer = this.#editsTimer = null;
  }

  async #tooLarge(store: WorkspaceStore, bytes: number | null): Promise<void> {
    const size = bytes === null ? "" : ` (at least ${mib(bytes)} MiB)`;
    const reason = `your workspace grew past ${mib(MAX_SNAPSHOT_BYTES)} MiB${size}, too large to keep in this browser`;
    const reload = this.#hasCopy
      ? "a reload would bring back the older copy kept before"
      : "a reload would start this lesson from its start files";
    this.#copyError = `Your files are not kept in this browser: ${reason}, so ${reload}. Remove large files (du -sh /workspace/* shows them) or use “Download files” to keep a copy.`;
    await this.#markStale(store, reason);
  }

  /** Flag the older copy, once per episode (each mark reads the whole copy to name it). */
  async #markStale(store: WorkspaceStore, reason: string): Promise<void> {
    if (!this.#hasCopy || this.#markedStale) return;
    try {
      await store.markStale(reason);
      this.#markedStale = true;
    } catch {
      // Storage refuses even this; the message already on screen says files are not kept.
    }
  }

  #editTexts(): Record<string, string> {
    return Object.fromEntries([...this.#edits].map(([path, e]) => [path, e.text]));
  }

  #scheduleEdits(): void {
    if (!this.#store) return;
    if (this.#editsTimer) clearTimeout(this.#editsTimer);
    this.#editsTimer = setTimeout(() => void this.#writeEdits(), this.#options.editsDelayMs);
  }

  /** Write the editor text now (after any write under way), if this tab is the writer by then. */
  #writeEdits(): Promise<void> {
    if (this.#editsTimer) clearTimeout(this.#editsTimer);
    this.#editsTimer = null;
    const store = this.#store;
    if (!store) return this.#editsWrite;
    this.#editsInFlight++;
    this.#editsWrite = this.#editsWrite.then(async () => {
      try {
        if (!(await this.#writes(store))) return;
        await store.saveEdits(this.#editTexts());
        this.#editsError = null;
      } catch (err) {
        this.#editsError = `Your latest editor text could not be saved in this browser: ${messageOf(err)}. ${DOWNLOAD}`;
      } finally {
        this.#editsInFlight--;
      }
    });
    return this.#editsWrite;
  }
}
