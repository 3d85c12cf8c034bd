import type { Runtime, WorkspaceEntry } from "../runtime/Runtime.ts";
import { PACK_WORKSPACE, UNPACK_WORKSPACE } from "../runtime/workspace.ts";
import { clearWorkspace } from "../exercise/lessonStart.ts";
import { WorkspaceKeeper, type KeeperOptions } from "./WorkspaceKeeper.svelte.ts";
import type { WorkspaceStore } from "./workspaceStore.ts";

/** Files larger than this open as "too large" instead of in the editor. */
export const MAX_EDITABLE_BYTES = 1 << 20;

/** An open file: what the editor shows and what the guest has. */
export interface FileBuffer {
  path: string;
  /** The editor's text (the learner's latest edit). */
  text: string;
  /** The text last read from or written to the guest. */
  saved: string;
  /** "binary" and "large" files are listed but not edited. */
  kind: "text" | "binary" | "large";
  /** The guest's copy changed while the buffer had unsaved edits (the edits win on save). */
  conflict: boolean;
}

export interface WorkspaceOptions extends KeeperOptions {
  /** Debounce between the last keystroke and the save. */
  saveDelayMs?: number;
  /** How often to look for changes made in the terminal (paused while the page is hidden). */
  pollMs?: number;
  /** Wait after Enter in a terminal before looking for changes. */
  afterEnterMs?: number;
}

const decoder = new TextDecoder("utf-8", { fatal: true });
/** A name typed in the file tree: no surrounding blanks or slashes. */
const cleanName = (name: string) => name.trim().replace(/^\/+|\/+$/g, "");
const signature = (e: WorkspaceEntry) => `${e.type}:${e.size}:${e.mtimeMs}`;

/**
 * The learner's /workspace as the editor and file tree see it. The guest is
 * the source of truth: edits are saved there (debounced), and changes made in
 * the terminal come back by polling a cheap `find` listing (each changed file
 * is re-read only when its size or mtime moved). A copy of the workspace is
 * kept in the browser so a reload or a reset loses nothing.
 */
export class WorkspaceState {
  #entries = $state<WorkspaceEntry[]>([]);
  #buffers = $state<Record<string, FileBuffer>>({});
  #activePath = $state<string | null>(null);
  #error = $state<string | null>(null);
  #pendingSaves = $state(0);
  #runtime = $state.raw<Runtime | null>(null);
  #signatures = new Map<string, string>();
  #saveTimers = new Map<string, ReturnType<typeof setTimeout>>();
  #poll: ReturnType<typeof setInterval> | null = null;
  #enterTimer: ReturnType<typeof setTimeout> | null = null;
  #refreshing: Promise<void> | null = null;
  #listing = "";
  readonly #keeper: WorkspaceKeeper;
  readonly #options: Required<Omit<WorkspaceOptions, keyof KeeperOptions>>;
  /** Hooks for the editor, which keeps one model per path. */
  onRenamed: ((from: string, to: string) => void) | null = null;
  onRemoved: ((path: string) => void) | null = null;
  /** The workspace changed (a save, or files changed in the terminal): checks re-run. */
  onChanged: (() => void) | null = null;

  constructor(store: WorkspaceStore | null = null, options: WorkspaceOptions = {}) {
    const { snapshotDelayMs, editsDelayMs, ...rest } = options;
    this.#options = { saveDelayMs: 500, pollMs: 3000, afterEnterMs: 800, ...rest };
    this.#keeper = new WorkspaceKeeper(store, () => this.persist(), {
      ...(snapshotDelayMs !== undefined && { snapshotDelayMs }),
      ...(editsDelayMs !== undefined && { editsDelayMs }),
    });
  }

  /** Every file and folder, sorted by path. */
  get entries(): readonly WorkspaceEntry[] {
    return this.#entries;
  }
  get activePath(): string | null {
    return this.#activePath;
  }
  get active(): FileBuffer | null {
    return this.#activePath ? (this.#buffers[this.#activePath] ?? null) : null;
  }
  /** A file operation in the guest failed. */
  get error(): string | null {
    return this.#error;
  }
  /**
   * The learner's files are not being kept in this browser (storage refused
   * them, too large, another tab writes this lesson's copy): why, and what to do.
   */
  get storageProblem(): string | null {
    return this.#keeper.problem;
  }
  /** The files restored are older than the learner's last workspace: says so and why. */
  get restoreNotice(): string | null {
    return this.#keeper.restoreNotice;
  }
  dismissRestoreNotice(): void {
    this.#keeper.dismissRestoreNotice();
  }
  get connected(): boolean {
    return this.#runtime !== null;
  }
  /** True while edits are waiting to reach the guest. */
  get dirty(): boolean {
    return this.#pendingSaves > 0 || Object.values(this.#buffers).some((b) => b.text !== b.saved);
  }
  /** The open buffer of `path`, if the editor has it. */
  bufferOf(path: string): FileBuffer | null {
    return this.#buffers[path] ?? null;
  }
  isDirty(path: string): boolean {
    const b = this.#buffers[path];
    return !!b && b.text !== b.saved;
  }

  /**
   * Connect to a (freshly restored) guest: put back the learner's files from
   * the browser's copy, or else write `seed` (the lesson's start files), then
   * any unsaved editor text (kept in the browser too), and start watching.
   */
  async attach(runtime: Runtime, seed: Record<string, string> = {}): Promise<void> {
    this.#runtime = runtime;
    this.#signatures.clear();
    this.#listing = "";
    try {
      const kept = await this.#keeper.load();
      if (kept.tar) {
        const r = await runtime.exec(UNPACK_WORKSPACE, { stdin: kept.tar, cwd: "/" });
        if (r.exitCode !== 0) throw new Error(new TextDecoder().decode(r.stderr).trim());
      } else {
        await this.#seed(seed);
      }
      // The editor's text is the newest copy of a file: put it back before
      // the first listing, which would otherwise reload the buffers. Open
      // buffers hold this page's text; `kept.edits` also a closed page's.
      for (const [path, text] of Object.entries(kept.edits)) {
        if (this.#buffers[path]) continue;
        await runtime.writeFile(path, text);
        this.#keeper.wroteToGuest(path, text);
      }
      for (const b of Object.values(this.#buffers)) {
        if (b.kind === "text") await runtime.writeFile(b.path, b.text);
        b.saved = b.text;
        this.#keeper.wroteToGuest(b.path, b.text);
      }
      await this.refresh();
    } catch (err) {
      this.#error = `Could not restore your files: ${(err as Error).message}`;
    }
    this.#startPolling();
  }

  /**
   * Show another lesson's workspace: this one's files are saved and kept in
   * its store, /workspace is emptied, and the other's saved files (or its
   * start files, `seed`) take their place. Open files belong to the old
   * lesson and are closed.
   */
  async switchTo(store: WorkspaceStore | null, seed: Record<string, string>): Promise<void> {
    const runtime = this.#runtime;
    if (runtime) {
      await this.save().catch(() => {});
      await this.persist();
    }
    this.#closeAll();
    await this.#keeper.use(store);
    if (!runtime) return;
    this.detach();
    try {
      await clearWorkspace(runtime);
    } catch (err) {
      this.#error = (err as Error).message;
    }
    await this.attach(runtime, seed);
  }

  /**
   * Forget this workspace's files (Reset lesson): open files are closed and
   * the browser's copy is dropped. The caller rewrites /workspace, then
   * {@link refresh} shows it.
   */
  async forget(): Promise<void> {
    this.#closeAll();
    await this.#keeper.forget();
  }

  #closeAll(): void {
    for (const timer of this.#saveTimers.values()) clearTimeout(timer);
    this.#saveTimers.clear();
    for (const path of Object.keys(this.#buffers)) this.onRemoved?.(path);
    this.#buffers = {};
    this.#activePath = null;
    this.#signatures.clear();
    this.#listing = "";
  }

  /** Stop watching (the guest is going away). Unsaved text stays in the buffers. */
  detach(): void {
    this.#runtime = null;
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = null;
  }

  /** Write the files that do not exist yet (never overwrites the learner's work). */
  async seed(files: Record<string, string>): Promise<void> {
    if (await this.#seed(files)) await this.refresh();
  }

  async #seed(files: Record<string, string>): Promise<boolean> {
    const runtime = this.#requireRuntime();
    const existing = new Set((await runtime.listFiles()).map((e) => e.path));
    const missing = Object.entries(files).filter(([path]) => !existing.has(path));
    for (const [path, text] of missing) await runtime.writeFile(path, text);
    return missing.length > 0;
  }

  /** Re-list the workspace; reload open files that changed in the guest. */
  refresh(): Promise<void> {
    this.#refreshing ??= this.#refresh().finally(() => (this.#refreshing = null));
    return this.#refreshing;
  }

  async #refresh(): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime) return;
    let entries: WorkspaceEntry[];
    try {
      entries = await runtime.listFiles();
    } catch (err) {
      this.#error = (err as Error).message;
      return;
    }
    this.#entries = entries;
    const byPath = new Map(entries.map((e) => [e.path, e]));
    for (const b of Object.values(this.#buffers)) {
      const entry = byPath.get(b.path);
      if (!entry) continue; // deleted in the terminal: keep the buffer, the tree shows it gone
      if (this.#signatures.get(b.path) === signature(entry)) continue;
      await this.#load(b.path, entry);
    }
    const listing = entries.map((e) => `${e.path}=${signature(e)}`).join("\n");
    if (listing !== this.#listing) {
      this.#listing = listing;
      this.#keeper.schedule();
      this.onChanged?.();
    }
  }

  /** Open `path` in the editor (reads it from the guest the first time). */
  async open(path: string): Promise<void> {
    const runtime = this.#requireRuntime();
    if (!this.#buffers[path]) {
      // The last listing is usually fresh (it is what the tree shows); list again only if it lacks the file.
      const entry =
        this.#entries.find((e) => e.path === path) ??
        (await runtime.listFiles()).find((e) => e.path === path);
      if (!entry || entry.type !== "file") throw new Error(`${path} is not a file`);
      await this.#load(path, entry);
    }
    this.#activePath = path;
  }

  /** The learner typed in the editor. */
  edit(path: string, text: string): void {
    const b = this.#buffers[path];
    if (!b || b.kind !== "text" || b.text === text) return;
    b.text = text;
    this.#keeper.edited(path, text);
    const timer = this.#saveTimers.get(path);
    if (timer) clearTimeout(timer);
    this.#saveTimers.set(
      path,
      setTimeout(() => void this.save(path), this.#options.saveDelayMs),
    );
  }

  /** Save one file now, or every file with unsaved edits. */
  async save(path?: string): Promise<void> {
    const paths = path ? [path] : Object.keys(this.#buffers);
    for (const p of paths) {
      const timer = this.#saveTimers.get(p);
      if (timer) clearTimeout(timer);
      this.#saveTimers.delete(p);
      const b = this.#buffers[p];
      if (!b || b.text === b.saved || !this.#runtime) continue;
      const text = b.text;
      this.#pendingSaves++;
      try {
        await this.#runtime.writeFile(p, text);
        b.saved = text;
        this.#keeper.wroteToGuest(p, text);
        b.conflict = false;
        this.#error = null;
      } catch (err) {
        this.#error = `Could not save ${p}: ${(err as Error).message}. Your text is kept; saving again…`;
        this.#saveTimers.set(
          p,
          setTimeout(() => void this.save(p), 4 * this.#options.saveDelayMs),
        );
      } finally {
        this.#pendingSaves--;
      }
    }
    await this.refresh();
  }

  async create(path: string, text = ""): Promise<void> {
    const runtime = this.#requireRuntime();
    const clean = cleanName(path);
    if (!clean) throw new Error("Type a file name, e.g. app.py or src/main.py");
    if (this.#entries.some((e) => e.path === clean)) throw new Error(`${clean} already exists`);
    await runtime.writeFile(clean, text);
    await this.refresh();
    await this.open(clean);
  }

  async rename(from: string, to: string): Promise<void> {
    const runtime = this.#requireRuntime();
    const clean = cleanName(to);
    if (!clean || clean === from) return;
    if (this.#entries.some((e) => e.path === clean)) throw new Error(`${clean} already exists`);
    await this.save();
    await runtime.renameFile(from, clean);
    this.#keeper.renamed(from, clean);
    for (const [p, b] of Object.entries(this.#buffers)) {
      if (p !== from && !p.startsWith(from + "/")) continue;
      const moved = clean + p.slice(from.length);
      delete this.#buffers[p];
      this.#buffers[moved] = { ...b, path: moved };
      this.#signatures.delete(p);
      if (this.#activePath === p) this.#activePath = moved;
      this.onRenamed?.(p, moved);
    }
    await this.refresh();
  }

  async remove(path: string): Promise<void> {
    const runtime = this.#requireRuntime();
    await runtime.removeFile(path);
    this.#keeper.removed(path);
    for (const p of Object.keys(this.#buffers)) {
      if (p !== path && !p.startsWith(path + "/")) continue;
      delete this.#buffers[p];
      this.#signatures.delete(p);
      if (this.#activePath === p) this.#activePath = null;
      this.onRemoved?.(p);
    }
    await this.refresh();
  }

  /** The learner typed into a terminal: after Enter, look for changed files soon. */
  noticeTerminalInput(data: string): void {
    if (!data.includes("\r")) return;
    if (this.#enterTimer) clearTimeout(this.#enterTimer);
    this.#enterTimer = setTimeout(() => void this.refresh(), this.#options.afterEnterMs);
  }

  dispose(): void {
    this.detach();
    for (const t of this.#saveTimers.values()) clearTimeout(t);
    if (this.#enterTimer) clearTimeout(this.#enterTimer);
    this.#keeper.dispose();
  }

  async #load(path: string, entry: WorkspaceEntry): Promise<void> {
    const runtime = this.#requireRuntime();
    const old = this.#buffers[path];
    let kind: FileBuffer["kind"] = "text";
    let text = "";
    if (entry.size > MAX_EDITABLE_BYTES) {
      kind = "large";
    } else {
      try {
        text = decoder.decode(await runtime.readFile(path));
      } catch (err) {
        if (!(err instanceof TypeError)) throw err;
        kind = "binary";
      }
    }
    this.#signatures.set(path, signature(entry));
    if (old && old.text !== old.saved) {
      // Unsaved edits win; tell the learner the file also changed in the guest.
      if (text !== old.saved) old.conflict = true;
      old.saved = text;
      return;
    }
    this.#buffers[path] = { path, text, saved: text, kind, conflict: false };
  }

  #startPolling(): void {
    if (this.#poll) clearInterval(this.#poll);
    this.#poll = setInterval(() => {
      if (typeof document !== "undefined" && document.hidden) return;
      void this.refresh();
    }, this.#options.pollMs);
  }

  /** True while the browser's copy lags behind the guest (a reload now could lose work). */
  get persistPending(): boolean {
    // Editor text not in the guest yet is safe once the browser keeps it: a reload puts it back.
    return this.#keeper.pending || (this.dirty && !this.#keeper.keepsEdits);
  }

  /** Copy the workspace into the browser's store now (before a reset, say). */
  persist(): Promise<void> {
    return this.#keeper.persist(this.#runtime, this.#entries);
  }

  /** The whole workspace as a tar, for the learner to download (not capped like the kept copy). */
  async archive(): Promise<Uint8Array> {
    const runtime = this.#requireRuntime();
    await this.save();
    const r = await runtime.exec(PACK_WORKSPACE, { cwd: "/", timeoutMs: 60_000 });
    // GNU tar's status 1: a file changed while it was read; the archive is still whole.
    if (r.exitCode > 1) throw new Error(new TextDecoder().decode(r.stderr).trim());
    return r.stdout;
  }

  #requireRuntime(): Runtime {
    if (!this.#runtime) throw new Error("The sandbox is not running yet.");
    return this.#runtime;
  }
}
