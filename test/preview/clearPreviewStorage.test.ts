import { describe, expect, it } from "vitest";
import { clearPreviewStorage, type PreviewStorage } from "../../src/preview/clearPreviewStorage.ts";

/** Storage with one item everywhere, and the viewer locks `held`. */
function fakeStorage(held: string[]) {
  const log: string[] = [];
  const storage: PreviewStorage = {
    locks: {
      query: async () => ({ held: held.map((name) => ({ name, mode: "shared" as const })) }),
      request: (async (name: string) => void log.push(`lock ${name}`)) as never,
    },
    localStorage: { clear: () => void log.push("localStorage") },
    indexedDB: {
      databases: async () => [{ name: "todos", version: 1 }],
      deleteDatabase: (name: string) => (log.push(`indexedDB ${name}`), {}) as IDBOpenDBRequest,
    },
    caches: {
      keys: async () => ["pages"],
      delete: async (key: string) => (log.push(`cache ${key}`), true),
    },
  };
  return { storage, log };
}

describe("clearPreviewStorage", () => {
  it("empties the origin's storage when no other viewer is alive, and marks this one alive", async () => {
    const { storage, log } = fakeStorage([]);
    await clearPreviewStorage(storage);
    expect(log.sort()).toEqual(
      ["cache pages", "indexedDB todos", "localStorage", "lock sandbox-preview-viewer"].sort(),
    );
  });

  it("leaves the storage to a viewer that is still open", async () => {
    const { storage, log } = fakeStorage(["sandbox-preview-viewer"]);
    await clearPreviewStorage(storage);
    expect(log).toEqual(["lock sandbox-preview-viewer"]);
  });
});
