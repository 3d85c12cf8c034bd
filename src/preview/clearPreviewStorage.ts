/** The storage APIs of the preview origin (a fake in unit tests). */
export interface PreviewStorage {
  locks?: Pick<LockManager, "query" | "request">;
  localStorage?: Pick<Storage, "clear">;
  indexedDB?: Pick<IDBFactory, "databases" | "deleteDatabase">;
  caches?: Pick<CacheStorage, "keys" | "delete">;
}

/** Held, shared, by every open viewer for as long as it lives. */
const VIEWER_LOCK = "sandbox-preview-viewer";

/**
 * Every container's pages share the preview origin's storage, across
 * lessons and sessions. So the first viewer to open (no other viewer of this
 * origin is alive) empties localStorage, IndexedDB and Cache Storage before
 * it shows anything; a viewer opened next to a live one leaves them alone, as
 * the other one's page may be using them. Cookies stay: they belong to the
 * host name, shared with every other service on it whatever its port, so
 * clearing them here would log the learner out elsewhere (docs/preview.md).
 * Without the Web Locks API, every viewer clears.
 */
export async function clearPreviewStorage(storage: PreviewStorage): Promise<void> {
  const snapshot = await storage.locks?.query();
  const othersAlive = snapshot?.held?.some((lock) => lock.name === VIEWER_LOCK) ?? false;
  // Never released: the lock goes when this page does.
  void storage.locks?.request(VIEWER_LOCK, { mode: "shared" }, () => new Promise<void>(() => {}));
  if (othersAlive) return;
  storage.localStorage?.clear();
  // Not awaited: a deletion waits for open connections (a page in a popup) to close.
  for (const db of (await storage.indexedDB?.databases()) ?? [])
    if (db.name) storage.indexedDB!.deleteDatabase(db.name);
  for (const key of (await storage.caches?.keys()) ?? []) await storage.caches!.delete(key);
}
