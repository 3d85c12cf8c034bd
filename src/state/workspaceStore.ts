/**
 * Where the browser keeps a copy of a lesson's workspace (a tar of
 * /workspace) so a reload, a lesson switch or a crashed VM loses nothing.
 */
import { keyValueStore, memoryKeyValueStore, type KeyValueStore } from "./keyValueStore.ts";

export interface WorkspaceStore {
  load(): Promise<Uint8Array | null>;
  save(tar: Uint8Array): Promise<void>;
  clear(): Promise<void>;
}

/** Workspace copies by key: one per lesson (`lesson:<id>`), or per embedded widget. */
export type WorkspaceStores = (key: string) => WorkspaceStore;

/** The store of one key in a key-value store. */
export function workspaceStore(store: KeyValueStore, key: string): WorkspaceStore {
  return {
    async load() {
      const value = await store.get(key);
      return value instanceof Uint8Array ? value : null;
    },
    save: (tar) => store.put(key, tar),
    clear: () => store.delete(key),
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

/** Per-key stores in the browser's IndexedDB. */
export function browserStores(): WorkspaceStores {
  const store = keyValueStore();
  return (key) => workspaceStore(store, key);
}
