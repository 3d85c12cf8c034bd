import type { KeyValueStore } from "./keyValueStore.ts";

/** What is known about the kept sandbox without reading its (tens of MiB of) state. */
export interface SavedSandboxSummary {
  /** ISO time of the save. */
  savedAt: string;
  /** Size of the saved-sandbox file. */
  bytes: number;
  /** The lesson open when it was saved (its /workspace holds that lesson's files). */
  lesson: string | null;
}

/**
 * The sandbox this browser keeps for the next visit: a saved-sandbox file
 * (runtime/state/sandboxFile.ts) in IndexedDB. Two records, so the boot path
 * and the menu read the small summary without loading the state.
 */
export interface SavedSandboxStore {
  summary(): Promise<SavedSandboxSummary | null>;
  load(): Promise<Uint8Array | null>;
  /** Replace the kept sandbox. Rejects when the browser refuses the write (quota). */
  save(bytes: Uint8Array, summary: SavedSandboxSummary): Promise<void>;
  clear(): Promise<void>;
}

const STATE = "sandbox:state";
const SUMMARY = "sandbox:summary";

export function savedSandboxStore(store: KeyValueStore): SavedSandboxStore {
  return {
    async summary() {
      const value = (await store.get(SUMMARY)) as Partial<SavedSandboxSummary> | null;
      if (!value || typeof value.savedAt !== "string" || typeof value.bytes !== "number")
        return null;
      return {
        savedAt: value.savedAt,
        bytes: value.bytes,
        lesson: typeof value.lesson === "string" ? value.lesson : null,
      };
    },
    async load() {
      const value = await store.get(STATE);
      return value instanceof Uint8Array ? value : null;
    },
    async save(bytes, summary) {
      // The summary last: a summary without its state is never visible.
      await store.put(STATE, bytes);
      await store.put(SUMMARY, summary);
    },
    async clear() {
      await store.delete(SUMMARY);
      await store.delete(STATE);
    },
  };
}
