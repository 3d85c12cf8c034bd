import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it, vi } from "vitest";
import { indexedDbStore, memoryKeyValueStore } from "../../src/state/keyValueStore.ts";

const append = (item: string) => (old: unknown) => [...((old as string[] | null) ?? []), item];

describe("indexedDbStore", () => {
  it("reads, writes and deletes records", async () => {
    const store = indexedDbStore(new IDBFactory());
    expect(await store.get("k")).toBeNull();
    await store.put("k", { tar: new Uint8Array([1, 2]) });
    expect(await store.get("k")).toEqual({ tar: new Uint8Array([1, 2]) });
    await store.delete("k");
    expect(await store.get("k")).toBeNull();
  });

  it("updates in one transaction: two tabs appending at once keep both", async () => {
    const browser = new IDBFactory();
    const [tabA, tabB] = [indexedDbStore(browser), indexedDbStore(browser)];
    await Promise.all([tabA.update("k", append("a")), tabB.update("k", append("b"))]);
    expect(((await tabA.get("k")) as string[]).sort()).toEqual(["a", "b"]);
  });

  it("(control) a get, then a put, from two tabs at once loses one write", async () => {
    // What progress saving did before `update`: the test above is not vacuous.
    const browser = new IDBFactory();
    const [tabA, tabB] = [indexedDbStore(browser), indexedDbStore(browser)];
    const naive = async (tab: typeof tabA, item: string) =>
      tab.put("k", append(item)(await tab.get("k")));
    await Promise.all([naive(tabA, "a"), naive(tabB, "b")]);
    expect(await tabA.get("k")).toHaveLength(1);
  });

  it("leaves the record alone when the update function throws", async () => {
    const store = indexedDbStore(new IDBFactory());
    await store.put("k", ["kept"]);
    await expect(
      store.update("k", () => {
        throw new Error("damaged");
      }),
    ).rejects.toThrow("damaged");
    expect(await store.get("k")).toEqual(["kept"]);
  });

  it("says how full storage is when a write fails, and asks once to persist", async () => {
    const storage = {
      persist: vi.fn(async () => true),
      estimate: async () => ({ usage: 49.5 * 2 ** 20, quota: 50 * 2 ** 20 }),
    };
    const store = indexedDbStore(new IDBFactory(), storage);
    await store.put("a", 1);
    // A value IndexedDB refuses stands in for a quota error (fake-indexeddb has no quota).
    await expect(store.put("b", () => {})).rejects.toThrow(
      /\(this site uses 50 MiB of the 50 MiB the browser allows it\)$/,
    );
    await store.update("a", () => 2);
    expect(storage.persist).toHaveBeenCalledTimes(1);
  });
});

describe("memoryKeyValueStore", () => {
  it("updates with a copy of the old value", async () => {
    const store = memoryKeyValueStore();
    await Promise.all([store.update("k", append("a")), store.update("k", append("b"))]);
    expect(await store.get("k")).toEqual(["a", "b"]);
  });
});
