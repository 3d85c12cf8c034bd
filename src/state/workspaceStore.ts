/**
 * Where the browser keeps a copy of the learner's workspace (a tar of
 * /workspace) so a reload or a crashed VM loses nothing.
 */
export interface WorkspaceStore {
  load(): Promise<Uint8Array | null>;
  save(tar: Uint8Array): Promise<void>;
  clear(): Promise<void>;
}

/** For tests, and where IndexedDB is unavailable (private windows of some browsers). */
export function memoryStore(): WorkspaceStore {
  let data: Uint8Array | null = null;
  return {
    load: async () => data,
    save: async (tar) => void (data = tar),
    clear: async () => void (data = null),
  };
}

const DB = "docker-sandbox";
const STORE = "workspace";

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error("IndexedDB request failed"));
  });
}

/**
 * IndexedDB, one record per `key` (the site can host several independent
 * workspaces, e.g. one per embedded widget). Falls back to memory when
 * IndexedDB cannot be opened.
 */
export function browserStore(key = "default"): WorkspaceStore {
  let db: Promise<IDBDatabase> | null = null;
  const open = () => {
    db ??= new Promise((resolve, reject) => {
      const r = indexedDB.open(DB, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error("cannot open IndexedDB"));
    });
    return db;
  };
  const tx = async (mode: IDBTransactionMode) =>
    (await open()).transaction(STORE, mode).objectStore(STORE);
  if (typeof indexedDB === "undefined") return memoryStore();
  return {
    async load() {
      const value: unknown = await request((await tx("readonly")).get(key));
      return value instanceof Uint8Array ? value : null;
    },
    async save(tar) {
      await request((await tx("readwrite")).put(tar, key));
    },
    async clear() {
      await request((await tx("readwrite")).delete(key));
    },
  };
}
