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

type StoredCopy = Omit<WorkspaceCopy, "stale">;

/** A stored record as a copy; copies kept before the record had a date were the bare tar. */
function copyOf(value: unknown): StoredCopy | null {
  if (value instanceof Uint8Array) return { tar: value, savedAt: null };
  const record = value as Partial<StoredCopy> | null;
  if (!(record?.tar instanceof Uint8Array)) return null;
  return { tar: record.tar, savedAt: record.savedAt ?? null };
}

/**
 * "This copy is older than the workspace": a small record of its own, so it
 * can still be written when storage is too full to rewrite the copy. It
 * names the copy it is about (`of`, its savedAt): a newer copy ignores it.
 */
interface StaleMark {
  reason: string;
  of: string | null;
}

/** The store of one key in a key-value store; tabs take turns writing it through `locks`. */
export function workspaceStore(
  store: KeyValueStore,
  key: string,
  locks: TabLocks = pageOnlyLocks,
  now: () => Date = () => new Date(),
): WorkspaceStore {
  const editsKey = `${key}:edits`;
  const staleKey = `${key}:stale`;
  const lockName = `docker-sandbox:${key}`;
  return {
    async load() {
      const copy = copyOf(await store.get(key));
      if (!copy) return null;
      const mark = (await store.get(staleKey)) as Partial<StaleMark> | null;
      const stale = mark?.of === copy.savedAt && typeof mark.reason === "string";
      return { ...copy, stale: stale ? mark.reason! : null };
    },
    save: (tar) => store.put(key, { tar, savedAt: now().toISOString() } satisfies StoredCopy),
    async markStale(reason) {
      const copy = copyOf(await store.get(key));
      if (copy) await store.put(staleKey, { reason, of: copy.savedAt } satisfies StaleMark);
    },
    clear: async () => {
      for (const k of [key, editsKey, staleKey]) await store.delete(k);
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
