import type { Runtime, WorkspaceEntry } from "../../runtime/Runtime.ts";
import type { Guest } from "./Guest.svelte.ts";
import { signature } from "./GuestSync.svelte.ts";
import type { WorkspaceKeeper } from "./WorkspaceKeeper.svelte.ts";

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

export interface BufferOptions {
  /** Debounce between the last keystroke and the save. Default 500 ms. */
  saveDelayMs?: number;
}

export interface BufferHooks {
  /** The last listing of the workspace (what the tree shows). */
  entries: () => readonly WorkspaceEntry[];
  /** Look at the guest again (after saves). */
  refresh: () => Promise<void>;
  /** The editor keeps one model per path: a buffer moved, or closed. */
  renamed: (from: string, to: string) => void;
  removed: (path: string) => void;
}

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * The files open in the editor: each one's text, the text the guest has,
 * and saving the difference (debounced by `saveDelayMs`).
 * Edits are also handed to the keeper, so the browser keeps them before
 * the guest does.
 */
export class FileBuffers {
  #buffers = $state<Record<string, FileBuffer>>({});
  #activePath = $state<string | null>(null);
  /**
   * The file most recently asked for, set before its read from the guest
   * (so it is the open file, or the one being opened; null: neither): when
   * two opens overlap (the lesson's start file and one the learner just
   * created), the later request wins, whichever read ends last.
   */
  #wanted: string | null = null;
  #pendingSaves = $state(0);
  /** The listing's {@link signature} of each buffer's file when it was last read. */
  #versions = new Map<string, string>();
  #saveTimers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #saveDelayMs: number;

  constructor(
    private readonly guest: Guest,
    private readonly keeper: WorkspaceKeeper,
    options: BufferOptions,
    private readonly hooks: BufferHooks,
  ) {
    this.#saveDelayMs = { saveDelayMs: 500, ...options }.saveDelayMs;
  }

  get activePath(): string | null {
    return this.#activePath;
  }
  get active(): FileBuffer | null {
    return this.#activePath ? (this.#buffers[this.#activePath] ?? null) : null;
  }
  /** True while edits are waiting to reach the guest. */
  get dirty(): boolean {
    return this.#pendingSaves > 0 || Object.values(this.#buffers).some((b) => b.text !== b.saved);
  }
  bufferOf(path: string): FileBuffer | null {
    return this.#buffers[path] ?? null;
  }
  isDirty(path: string): boolean {
    const b = this.#buffers[path];
    return !!b && b.text !== b.saved;
  }

  /** Open `path` in the editor (reads it from the guest the first time). */
  async open(path: string): Promise<void> {
    const runtime = this.guest.require();
    this.#wanted = path;
    try {
      if (!this.#buffers[path]) {
        // The last listing is usually fresh (it is what the tree shows); list again only if it lacks the file.
        const entry =
          this.hooks.entries().find((e) => e.path === path) ??
          (await runtime.listFiles()).find((e) => e.path === path);
        if (!entry || entry.type !== "file") throw new Error(`${path} is not a file`);
        await this.#load(path, entry);
      }
    } catch (error) {
      if (this.#wanted === path) this.#wanted = this.#activePath;
      throw error;
    }
    // A later open (still reading, or done) has the editor now.
    if (this.#wanted === path) this.#activePath = path;
  }

  /**
   * Open `path` unless a file is open or being opened: the start file a
   * lesson shows never replaces one the learner opened meanwhile.
   */
  async openIfNone(path: string): Promise<void> {
    if (this.#wanted === null) await this.open(path);
  }

  /** The learner typed in the editor. */
  edit(path: string, text: string): void {
    const b = this.#buffers[path];
    if (!b || b.kind !== "text" || b.text === text) return;
    b.text = text;
    this.keeper.edited(path, text);
    const timer = this.#saveTimers.get(path);
    if (timer) clearTimeout(timer);
    this.#saveTimers.set(
      path,
      setTimeout(() => void this.save(path), this.#saveDelayMs),
    );
  }

  /** Save one file now, or every file with unsaved edits; then look at the guest again. */
  async save(path?: string): Promise<void> {
    const paths = path ? [path] : Object.keys(this.#buffers);
    for (const p of paths) {
      const timer = this.#saveTimers.get(p);
      if (timer) clearTimeout(timer);
      this.#saveTimers.delete(p);
      const b = this.#buffers[p];
      const runtime = this.guest.runtime;
      if (!b || b.text === b.saved || !runtime) continue;
      const text = b.text;
      this.#pendingSaves++;
      try {
        await runtime.writeFile(p, text);
        b.saved = text;
        this.keeper.wroteToGuest(p, text);
        b.conflict = false;
        this.guest.error = null;
      } catch (err) {
        this.guest.error = `Could not save ${p}: ${(err as Error).message}. Your text is kept; saving again…`;
        this.#saveTimers.set(
          p,
          setTimeout(() => void this.save(p), 4 * this.#saveDelayMs),
        );
      } finally {
        this.#pendingSaves--;
      }
    }
    await this.hooks.refresh();
  }

  /** A new listing: re-read the open files whose size or mtime moved. */
  async reload(entries: readonly WorkspaceEntry[]): Promise<void> {
    const byPath = new Map(entries.map((e) => [e.path, e]));
    for (const b of Object.values(this.#buffers)) {
      const entry = byPath.get(b.path);
      if (!entry) continue; // deleted in the terminal: keep the buffer, the tree shows it gone
      if (this.#versions.get(b.path) === signature(entry)) continue;
      await this.#load(b.path, entry);
    }
  }

  /** A fresh guest: write every open text back (the editor's text is the newest); all are re-read next listing. */
  async writeBack(runtime: Runtime): Promise<void> {
    for (const b of Object.values(this.#buffers)) {
      if (b.kind === "text") await runtime.writeFile(b.path, b.text);
      b.saved = b.text;
      this.keeper.wroteToGuest(b.path, b.text);
    }
  }

  /** Forget which version of each file the buffers hold: the next listing re-reads them all. */
  forgetVersions(): void {
    this.#versions.clear();
  }

  /** `from` (a file or folder) was renamed to `to` in the guest: its buffers follow. */
  moved(from: string, to: string): void {
    for (const [p, b] of Object.entries(this.#buffers)) {
      if (p !== from && !p.startsWith(from + "/")) continue;
      const moved = to + p.slice(from.length);
      delete this.#buffers[p];
      this.#buffers[moved] = { ...b, path: moved };
      this.#versions.delete(p);
      if (this.#activePath === p) this.#activePath = moved;
      if (this.#wanted === p) this.#wanted = moved;
      this.hooks.renamed(p, moved);
    }
  }

  /** `path` (a file or folder) was removed from the guest: its buffers close. */
  removed(path: string): void {
    for (const p of Object.keys(this.#buffers)) {
      if (p !== path && !p.startsWith(path + "/")) continue;
      this.#close(p);
    }
  }

  /** Close every buffer, unsaved edits and all (the workspace is another lesson's now, or reset). */
  closeAll(): void {
    this.dispose();
    for (const path of Object.keys(this.#buffers)) this.hooks.removed(path);
    this.#buffers = {};
    this.#activePath = null;
    this.#wanted = null;
    this.#versions.clear();
  }

  /** Stop the pending saves. */
  dispose(): void {
    for (const timer of this.#saveTimers.values()) clearTimeout(timer);
    this.#saveTimers.clear();
  }

  #close(path: string): void {
    delete this.#buffers[path];
    this.#versions.delete(path);
    if (this.#activePath === path) this.#activePath = null;
    if (this.#wanted === path) this.#wanted = this.#activePath;
    this.hooks.removed(path);
  }

  async #load(path: string, entry: WorkspaceEntry): Promise<void> {
    const runtime = this.guest.require();
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
    this.#versions.set(path, signature(entry));
    if (old && old.text !== old.saved) {
      // Unsaved edits win; tell the learner the file also changed in the guest.
      if (text !== old.saved) old.conflict = true;
      old.saved = text;
      return;
    }
    this.#buffers[path] = { path, text, saved: text, kind, conflict: false };
  }
}
