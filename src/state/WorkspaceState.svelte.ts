import type { Runtime, WorkspaceEntry } from "../runtime/Runtime.ts";
import type { DockerEvent } from "../runtime/docker/types.ts";
import { PACK_WORKSPACE, UNPACK_WORKSPACE } from "../runtime/workspace.ts";
import { clearWorkspace } from "../exercise/lessonStart.ts";
import {
  FileBuffers,
  type BufferOptions,
  type FileBuffer,
} from "./workspace/FileBuffers.svelte.ts";
import { Guest } from "./workspace/Guest.svelte.ts";
import { GuestSync, type SyncOptions } from "./workspace/GuestSync.svelte.ts";
import { WorkspaceKeeper, type KeeperOptions } from "./workspace/WorkspaceKeeper.svelte.ts";
import type { WorkspaceStore } from "./workspaceStore.ts";

export { MAX_EDITABLE_BYTES, type FileBuffer } from "./workspace/FileBuffers.svelte.ts";

export interface WorkspaceOptions extends KeeperOptions, SyncOptions, BufferOptions {}

/** A name typed in the file tree: no surrounding blanks or slashes. */
const cleanName = (name: string) => name.trim().replace(/^\/+|\/+$/g, "");

/**
 * The learner's /workspace as the editor and file tree see it. The guest is
 * the source of truth: edits are saved there (debounced; {@link FileBuffers}),
 * and changes made in the terminal come back by polling a cheap `find`
 * listing (each changed file is re-read only when its size or mtime moved;
 * {@link GuestSync}). A copy of the workspace is kept in the browser so a
 * reload or a reset loses nothing ({@link WorkspaceKeeper}).
 */
export class WorkspaceState {
  readonly #guest = new Guest();
  readonly #keeper: WorkspaceKeeper;
  readonly #sync: GuestSync;
  readonly #buffers: FileBuffers;
  /** Hooks for the editor, which keeps one model per path. */
  onRenamed: ((from: string, to: string) => void) | null = null;
  onRemoved: ((path: string) => void) | null = null;
  /** The workspace changed (a save, or files changed in the terminal): checks re-run. */
  onChanged: (() => void) | null = null;

  constructor(store: WorkspaceStore | null = null, options: WorkspaceOptions = {}) {
    const { snapshotDelayMs, editsDelayMs } = options;
    this.#keeper = new WorkspaceKeeper(store, () => this.persist(), {
      ...(snapshotDelayMs !== undefined && { snapshotDelayMs }),
      ...(editsDelayMs !== undefined && { editsDelayMs }),
    });
    const changed = () => {
      this.#keeper.schedule();
      this.onChanged?.();
    };
    const listed = (entries: readonly WorkspaceEntry[]) => this.#buffers.reload(entries);
    this.#sync = new GuestSync(this.#guest, { listed, changed }, options);
    this.#buffers = new FileBuffers(this.#guest, this.#keeper, options, {
      entries: () => this.#sync.entries,
      refresh: () => this.refresh(),
      renamed: (from, to) => this.onRenamed?.(from, to),
      removed: (path) => this.onRemoved?.(path),
    });
  }

  /** Every file and folder, sorted by path. */
  get entries(): readonly WorkspaceEntry[] {
    return this.#sync.entries;
  }
  get activePath(): string | null {
    return this.#buffers.activePath;
  }
  get active(): FileBuffer | null {
    return this.#buffers.active;
  }
  /** A file operation in the guest failed. */
  get error(): string | null {
    return this.#guest.error;
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
    return this.#guest.runtime !== null;
  }
  /** True while edits are waiting to reach the guest. */
  get dirty(): boolean {
    return this.#buffers.dirty;
  }
  /** The open buffer of `path`, if the editor has it. */
  bufferOf(path: string): FileBuffer | null {
    return this.#buffers.bufferOf(path);
  }
  isDirty(path: string): boolean {
    return this.#buffers.isDirty(path);
  }

  /**
   * Connect to a (freshly restored) guest: put back the learner's files from
   * the browser's copy, or else write `seed` (the lesson's start files), then
   * any unsaved editor text (kept in the browser too), and start watching.
   */
  async attach(runtime: Runtime, seed: Record<string, string> = {}): Promise<void> {
    this.#guest.runtime = runtime;
    this.#buffers.forgetVersions();
    this.#sync.reset();
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
        if (this.#buffers.bufferOf(path)) continue;
        await runtime.writeFile(path, text);
        this.#keeper.wroteToGuest(path, text);
      }
      await this.#buffers.writeBack(runtime);
      await this.refresh();
    } catch (err) {
      this.#guest.error = `Could not restore your files: ${(err as Error).message}`;
    }
    this.#sync.start();
  }

  /**
   * Show another lesson's workspace: this one's files are saved and kept in
   * its store, /workspace is emptied, and the other's saved files (or its
   * start files, `seed`) take their place. Open files belong to the old
   * lesson and are closed.
   */
  async switchTo(store: WorkspaceStore | null, seed: Record<string, string>): Promise<void> {
    const runtime = this.#guest.runtime;
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
      this.#guest.error = (err as Error).message;
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
    this.#buffers.closeAll();
    this.#sync.reset();
  }

  /** Stop watching (the guest is going away). Unsaved text stays in the buffers. */
  detach(): void {
    this.#guest.runtime = null;
    this.#sync.stop();
  }

  /** Write the files that do not exist yet (never overwrites the learner's work). */
  async seed(files: Record<string, string>): Promise<void> {
    if (await this.#seed(files)) await this.refresh();
  }

  async #seed(files: Record<string, string>): Promise<boolean> {
    const runtime = this.#guest.require();
    const existing = new Set((await runtime.listFiles()).map((e) => e.path));
    const missing = Object.entries(files).filter(([path]) => !existing.has(path));
    for (const [path, text] of missing) await runtime.writeFile(path, text);
    return missing.length > 0;
  }

  /** Re-list the workspace; reload open files that changed in the guest. */
  refresh(): Promise<void> {
    return this.#sync.refresh();
  }

  /** Open `path` in the editor (reads it from the guest the first time). */
  open(path: string): Promise<void> {
    return this.#buffers.open(path);
  }

  /** Open `path` unless the learner has a file open or opening (a lesson's start file). */
  openIfNone(path: string): Promise<void> {
    return this.#buffers.openIfNone(path);
  }

  /** The learner typed in the editor. */
  edit(path: string, text: string): void {
    this.#buffers.edit(path, text);
  }

  /** Save one file now, or every file with unsaved edits. */
  save(path?: string): Promise<void> {
    return this.#buffers.save(path);
  }

  async create(path: string, text = ""): Promise<void> {
    const runtime = this.#guest.require();
    const clean = cleanName(path);
    if (!clean) throw new Error("Type a file name, e.g. app.py or src/main.py");
    if (this.entries.some((e) => e.path === clean)) throw new Error(`${clean} already exists`);
    await runtime.writeFile(clean, text);
    await this.refresh();
    await this.open(clean);
  }

  async rename(from: string, to: string): Promise<void> {
    const runtime = this.#guest.require();
    const clean = cleanName(to);
    if (!clean || clean === from) return;
    if (this.entries.some((e) => e.path === clean)) throw new Error(`${clean} already exists`);
    await this.save();
    await runtime.renameFile(from, clean);
    this.#keeper.renamed(from, clean);
    this.#buffers.moved(from, clean);
    await this.refresh();
  }

  async remove(path: string): Promise<void> {
    const runtime = this.#guest.require();
    await runtime.removeFile(path);
    this.#keeper.removed(path);
    this.#buffers.removed(path);
    await this.refresh();
  }

  /** The learner typed into a terminal: after Enter, look for changed files soon. */
  noticeTerminalInput(data: string): void {
    this.#sync.noticeTerminalInput(data);
  }

  /**
   * A Docker event: after a container dies or is removed, look for changed
   * files soon (one with a bind mount may have written into /workspace).
   */
  noticeDockerEvent(event: DockerEvent): void {
    this.#sync.noticeDockerEvent(event);
  }

  dispose(): void {
    this.detach();
    this.#buffers.dispose();
    this.#sync.dispose();
    this.#keeper.dispose();
  }

  /** True while the browser's copy lags behind the guest (a reload now could lose work). */
  get persistPending(): boolean {
    // Editor text not in the guest yet is safe once the browser keeps it: a reload puts it back.
    return this.#keeper.pending || (this.dirty && !this.#keeper.keepsEdits);
  }

  /** Copy the workspace into the browser's store now (before a reset, say). */
  persist(): Promise<void> {
    return this.#keeper.persist(this.#guest.runtime, this.entries);
  }

  /** The whole workspace as a tar, for the learner to download (not capped like the kept copy). */
  async archive(): Promise<Uint8Array> {
    const runtime = this.#guest.require();
    await this.save();
    const r = await runtime.exec(PACK_WORKSPACE, { cwd: "/", timeoutMs: 60_000 });
    // GNU tar's status 1: a file changed while it was read; the archive is still whole.
    if (r.exitCode > 1) throw new Error(new TextDecoder().decode(r.stderr).trim());
    return r.stdout;
  }
}
