/**
 * The browser's persistent store: one IndexedDB object store of records by
 * key (workspace copies per lesson, progress). Falls back to memory where
 * IndexedDB cannot be opened (some private windows), so the app still works
 * and only loses what a reload would.
 */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
}

export function memoryKeyValueStore(): KeyValueStore {
  const data = new Map<string, unknown>();
  return {
    get: async (key) => structuredClone(data.get(key) ?? null),
    put: async (key, value) => void data.set(key, structuredClone(value)),
    delete: async (key) => void data.delete(key),
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

let shared: KeyValueStore | null = null;

/** The app's IndexedDB store (one per page), or memory when IndexedDB is unavailable. */
export function keyValueStore(): KeyValueStore {
  if (shared) return shared;
  if (typeof indexedDB === "undefined") return (shared = memoryKeyValueStore());
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
  shared = {
    get: async (key) => (await request((await tx("readonly")).get(key))) ?? null,
    put: async (key, value) => void (await request((await tx("readwrite")).put(value, key))),
    delete: async (key) => void (await request((await tx("readwrite")).delete(key))),
  };
  return shared;
}
