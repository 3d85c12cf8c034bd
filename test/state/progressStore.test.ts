import { IDBFactory } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { indexedDbStore, memoryKeyValueStore } from "../../src/state/keyValueStore.ts";
import {
  emptyProgress,
  mergeProgress,
  parseProgressFile,
  ProgressFileError,
  progressStore,
  type Progress,
} from "../../src/state/progressStore.ts";

const progress = (steps: Record<string, Record<string, string>>): Progress => ({
  ...emptyProgress(),
  lessons: Object.fromEntries(
    Object.entries(steps).map(([lesson, s]) => [
      lesson,
      { steps: Object.fromEntries(Object.entries(s).map(([id, passedAt]) => [id, { passedAt }])) },
    ]),
  ),
});

describe("progress files", () => {
  it("round-trips an export", () => {
    const p = progress({ welcome: { build: "2026-11-24T10:00:00.000Z" } });
    expect(parseProgressFile(JSON.stringify(p))).toEqual(p);
  });

  it("says what is wrong with a file that is not a progress export", () => {
    const error = (text: string) => {
      try {
        parseProgressFile(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ProgressFileError);
        return (e as Error).message;
      }
      throw new Error("expected an error");
    };
    expect(error("<html>")).toBe("This file is not a progress export: it is not JSON.");
    expect(error('{"a":1}')).toMatch(/not a progress export \(it has no "format"/);
    const damaged = {
      ...emptyProgress(),
      lessons: { welcome: { steps: { build: { passedAt: "yesterday" } } } },
    };
    expect(error(JSON.stringify(damaged))).toMatch(
      /damaged at lessons\.welcome\.steps\.build\.passedAt/,
    );
  });

  it("merges: a step done in either copy is done, at its earliest time", () => {
    const mine = progress({ welcome: { build: "2026-11-24T10:00:00.000Z" } });
    const theirs = progress({
      welcome: { build: "2026-11-20T10:00:00.000Z", run: "2026-11-21T10:00:00.000Z" },
      volumes: { create: "2026-11-22T10:00:00.000Z" },
    });
    expect(mergeProgress(mine, theirs)).toEqual(
      progress({
        welcome: { build: "2026-11-20T10:00:00.000Z", run: "2026-11-21T10:00:00.000Z" },
        volumes: { create: "2026-11-22T10:00:00.000Z" },
      }),
    );
  });

  it("stores progress and reads a damaged record as none", async () => {
    const kv = memoryKeyValueStore();
    const store = progressStore(kv);
    expect(await store.load()).toEqual(emptyProgress());
    const p = progress({ welcome: { build: "2026-11-24T10:00:00.000Z" } });
    expect(await store.merge(p)).toEqual(p);
    expect(await store.load()).toEqual(p);
    await kv.put("progress", { format: "something else" });
    expect(await store.load()).toEqual(emptyProgress());
  });

  it("marks a step passed (keeping an earlier pass) and forgets a lesson", async () => {
    const store = progressStore(memoryKeyValueStore());
    await store.markPassed("welcome", "build", "2026-11-24T10:00:00.000Z");
    await store.markPassed("welcome", "build", "2026-11-25T10:00:00.000Z");
    await store.markPassed("volumes", "create", "2026-11-25T10:00:00.000Z");
    expect(await store.forget("volumes")).toEqual(
      progress({ welcome: { build: "2026-11-24T10:00:00.000Z" } }),
    );
  });

  it("keeps both tabs' steps when two tabs pass different steps at once (one IndexedDB)", async () => {
    const browser = new IDBFactory();
    const tabA = progressStore(indexedDbStore(browser));
    const tabB = progressStore(indexedDbStore(browser));
    await tabA.markPassed("welcome", "build", "2026-11-24T10:00:00.000Z");
    const [afterA, afterB] = await Promise.all([
      tabA.markPassed("welcome", "run", "2026-11-24T10:01:00.000Z"),
      tabB.markPassed("volumes", "create", "2026-11-24T10:02:00.000Z"),
    ]);
    const both = progress({
      welcome: { build: "2026-11-24T10:00:00.000Z", run: "2026-11-24T10:01:00.000Z" },
      volumes: { create: "2026-11-24T10:02:00.000Z" },
    });
    expect(await tabA.load()).toEqual(both);
    // Whichever committed last saw the other's step: its result is everything.
    expect([afterA, afterB]).toContainEqual(both);
  });

  it("forgets a lesson in one tab without losing another tab's later step", async () => {
    const kv = memoryKeyValueStore();
    const [tabA, tabB] = [progressStore(kv), progressStore(kv)];
    await tabA.markPassed("welcome", "build", "2026-11-24T10:00:00.000Z");
    await tabB.markPassed("volumes", "create", "2026-11-24T10:02:00.000Z");
    await tabA.forget("welcome");
    expect(await tabB.load()).toEqual(
      progress({ volumes: { create: "2026-11-24T10:02:00.000Z" } }),
    );
  });
});
