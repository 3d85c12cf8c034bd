/**
 * The browser's persistent store: one IndexedDB object store of records by
 * key (workspace copies per lesson, progress). Falls back to memory where
 * IndexedDB does not exist, so the app still works and only loses what a
 * reload would. Where IndexedDB exists but refuses to write (quota, private
 * windows, a database the browser evicted), writes reject: callers show why.
 */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  /**
   * Replace a record with `fn(old)` (old is null when there is none) in one
   * transaction, so no other writer, in this tab or another, slips in between
   * the read and the write. `fn` must be synchronous. Resolves with the new
   * value once it is stored.
   */
  update<T>(key: string, fn: (old: unknown) => T): Promise<T>;
  delete(key: string): Promise<void>;
}

export function memoryKeyValueStore(): KeyValueStore {
  const data = new Map<string, unknown>();
  return {
    get: async (key) => structuredClone(data.get(key) ?? null),
    put: async (key, value) => void data.set(key, structuredClone(value)),
    update: async (key, fn) => {
      const next = fn(structuredClone(data.get(key) ?? null));
      data.set(key, structuredClone(next));
      return next;
    },
    delete: async (key) => void data.delete(key),
  };
}

/** The parts of `navigator.storage` used here (absent in old browsers and in Node). */
export type BrowserStorage = Partial<Pick<StorageManager, "persist" | "estimate">>;

const DB = "docker-sandbox";
const STORE = "workspace";
const MiB = 1 << 20;

/** Say how full the browser's storage for this site is, to explain a refused write. */
async function explain(error: unknown, storage: BrowserStorage | null): Promise<Error> {
  const reason = error instanceof Error ? error : new Error(String(error));
  const estimate = await storage?.estimate?.().catch(() => null);
  if (!estimate?.quota) return reason;
  const mib = (n: number) => `${Math.ceil(n / MiB)} MiB`;
  return new Error(
    `${reason.message.replace(/\.$/, "")} (this site uses ${mib(estimate.usage ?? 0)} of the ${mib(estimate.quota)} the browser allows it)`,
    { cause: reason },
  );
}

/**
 * A key-value store in the IndexedDB of `factory`. The first write asks the
 * browser to keep this site's storage (`storage.persist()`): by default it is
 * "best effort" and may be evicted under storage pressure, learner's files
 * and all.
 */
export function indexedDbStore(
  factory: IDBFactory,
  storage: BrowserStorage | null = null,
  name = DB,
): KeyValueStore {
  let db: Promise<IDBDatabase> | null = null;
  let askedToPersist = false;
  const open = () => {
    db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = factory.open(name, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => {
        // Another tab upgrading the database must not wait for this one; reopen next time.
        r.result.onversionchange = () => {
          r.result.close();
          db = null;
        };
        // The browser closes the connection when it clears the site's data: reopen next time.
        r.result.onclose = () => (db = null);
        resolve(r.result);
      };
      r.onerror = () => reject(r.error ?? new Error("cannot open IndexedDB"));
    }).catch((error: unknown) => {
      db = null; // a later write may succeed (the learner freed space, say)
      throw error;
    });
    return db;
  };

  /**
   * Run `body` in one transaction; resolves with what its `result` returns
   * once the transaction has committed. Quota errors often surface only at
   * commit (an abort after every request succeeded), so a write counts as
   * done only then.
   */
  async function transaction<T>(
    mode: IDBTransactionMode,
    body: (store: IDBObjectStore, fail: (error: unknown) => void) => () => T,
  ): Promise<T> {
    const tx = (await open()).transaction(STORE, mode);
    let failure: unknown = null;
    const fail = (error: unknown) => {
      failure = error;
      tx.abort();
    };
    const result = body(tx.objectStore(STORE), fail);
    return new Promise<T>((resolve, reject) => {
      tx.oncomplete = () => resolve(result());
      tx.onabort = () => reject(failure ?? tx.error ?? new Error("IndexedDB transaction aborted"));
    });
  }

  /**
   * Run a write. One that `keeps` data (not a delete) first asks, once, for
   * persistent storage. A refused write says how full the site's storage is.
   */
  async function write<T>(run: () => Promise<T>, keeps = true): Promise<T> {
    if (keeps && !askedToPersist) {
      askedToPersist = true;
      void storage?.persist?.().catch(() => false);
    }
    try {
      return await run();
    } catch (error) {
      throw await explain(error, storage);
    }
  }

  return {
    get: (key) =>
      transaction("readonly", (store) => {
        const r = store.get(key);
        return () => r.result ?? null;
      }),
    put: (key, value) =>
      write(() =>
        transaction("readwrite", (store) => {
          store.put(value, key);
          return () => undefined;
        }),
      ),
    update: (key, fn) =>
      write(() =>
        transaction("readwrite", (store, fail) => {
          let next!: ReturnType<typeof fn>;
          const r = store.get(key);
          r.onsuccess = () => {
            try {
              next = fn(r.result ?? null);
              store.put(next, key);
            } catch (error) {
              fail(error);
            }
          };
          return () => next;
        }),
      ),
    delete: (key) =>
      write(
        () =>
          transaction("readwrite", (store) => {
            store.delete(key);
            return () => undefined;
          }),
        false,
      ),
  };
}

let shared: KeyValueStore | null = null;

/** The app's IndexedDB store (one per page), or memory when IndexedDB is unavailable. */
export function keyValueStore(): KeyValueStore {
  if (shared) return shared;
  if (typeof indexedDB === "undefined") return (shared = memoryKeyValueStore());
  const storage = typeof navigator === "undefined" ? null : (navigator.storage ?? null);
  return (shared = indexedDbStore(indexedDB, storage));
}
