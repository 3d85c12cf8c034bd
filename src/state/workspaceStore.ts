/**
 * Where the browser keeps a copy of a lesson's workspace (a tar of
 * /workspace) so a reload, a lesson switch or a crashed VM loses nothing,
 * plus the editor text that has not reached that copy yet.
 */
import { keyValueStore, memoryKeyValueStore, type KeyValueStore } from "./keyValueStore.ts";
import { pageOnlyLocks, tabLocks, type Release, type TabLocks } from "./tabLocks.ts";

/** A kept copy of the workspace. */
export interface WorkspaceCopy {
  tar: Uint8Array;
  /** When it was taken (ISO 8601); null for copies kept before that was recorded. */
  savedAt: string | null;
  /**
   * Set when the workspace changed later but the change could not be kept
   * (too large, storage refused it): why, in words for the learner.
   */
  stale: string | null;
}

export interface WorkspaceStore {
  load(): Promise<WorkspaceCopy | null>;
  save(tar: Uint8Array): Promise<void>;
  /** Flag the kept copy as older than the workspace, saying why; a restore then tells the learner. */
  markStale(reason: string): Promise<void>;
  /** Drop the kept copy and the kept editor text. */
  clear(): Promise<void>;
  /** Editor text newer than the kept copy, by path (kept while the VM is down, say). */
  loadEdits(): Promise<Record<string, string>>;
  /** Replace the kept editor text; none drops it. */
  saveEdits(edits: Record<string, string>): Promise<void>;
  /** Become the one tab writing this copy; null when another tab is. */
  claim(): Promise<Release | null>;
  /** Wait until this tab can be the one writing this copy. */
  waitForClaim(signal: AbortSignal): Promise<Release>;
}

/** Workspace copies by key: one per lesson (`lesson:<id>`), or per embedded widget. */
export type WorkspaceStores = (key: string) => WorkspaceStore;

/** A stored record as a copy; copies kept before the record had a date were the bare tar. */
function copyOf(value: unknown): WorkspaceCopy | null {
  if (value instanceof Uint8Array) return { tar: value, savedAt: null, stale: null };
  const record = value as Partial<WorkspaceCopy> | null;
  if (!(record?.tar instanceof Uint8Array)) return null;
  return { tar: record.tar, savedAt: record.savedAt ?? null, stale: record.stale ?? null };
}

/** The store of one key in a key-value store; tabs take turns writing it through `locks`. */
export function workspaceStore(
  store: KeyValueStore,
  key: string,
  locks: TabLocks = pageOnlyLocks,
  now: () => Date = () => new Date(),
): WorkspaceStore {
  const editsKey = `${key}:edits`;
  const lockName = `docker-sandbox:${key}`;
  return {
    load: async () => copyOf(await store.get(key)),
    save: (tar) =>
      store.put(key, { tar, savedAt: now().toISOString(), stale: null } satisfies WorkspaceCopy),
    markStale: async (reason) => {
      await store.update(key, (old) => {
        const copy = copyOf(old);
        return copy && { ...copy, stale: reason };
      });
    },
    clear: async () => {
      await store.delete(key);
      await store.delete(editsKey);
    },
    async loadEdits() {
      const value = await store.get(editsKey);
      if (typeof value !== "object" || value === null) return {};
      return Object.fromEntries(
        Object.entries(value).filter((e): e is [string, string] => typeof e[1] === "string"),
      );
    },
    saveEdits: (edits) =>
      Object.keys(edits).length ? store.put(editsKey, edits) : store.delete(editsKey),
    claim: () => locks.tryAcquire(lockName),
    waitForClaim: (signal) => locks.acquire(lockName, signal),
  };
}

/** For tests, and where IndexedDB is unavailable. */
export function memoryStore(): WorkspaceStore {
  return workspaceStore(memoryKeyValueStore(), "workspace");
}

/** Per-key stores in memory (tests). */
export function memoryStores(): WorkspaceStores {
  const store = memoryKeyValueStore();
  return (key) => workspaceStore(store, key);
}

/** Per-key stores in the browser's IndexedDB, one writing tab per key. */
export function browserStores(): WorkspaceStores {
  const store = keyValueStore();
  const locks = tabLocks();
  return (key) => workspaceStore(store, key, locks);
}
