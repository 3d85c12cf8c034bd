import { describe, expect, it } from "vitest";
import { RosterState } from "../../src/roster/RosterState.svelte.ts";
import { memoryKeyValueStore } from "../../src/state/keyValueStore.ts";
import { receiptOf } from "./receiptFixtures.ts";

const read = (...entries: { source: string; receipt: ReturnType<typeof receiptOf> }[]) => ({
  entries,
  errors: [],
});

describe("the roster's receipts", () => {
  it("are kept across reloads, until Clear", async () => {
    const store = memoryKeyValueStore();
    const first = new RosterState(store);
    await first.add(
      read({ source: "a.json", receipt: receiptOf("Ada", ["welcome/first-container"]) }),
    );
    const reloaded = new RosterState(store);
    await reloaded.load();
    expect(reloaded.view.rows.map((r) => r.learner)).toEqual(["Ada"]);
    await reloaded.clear();
    const again = new RosterState(store);
    await again.load();
    expect(again.entries).toEqual([]);
  });

  it("replace a learner's older receipt with a newer one, and not the other way", async () => {
    const roster = new RosterState(null);
    await roster.add(
      read({ source: "a.json", receipt: receiptOf("Ada", [], "2026-12-06T10:00:00.000Z") }),
    );
    await roster.add(
      read({
        source: "b.json",
        receipt: receiptOf("ada", ["welcome/first-container"], "2026-12-06T11:00:00.000Z"),
      }),
    );
    await roster.add(
      read({ source: "c.json", receipt: receiptOf("Ada", [], "2026-12-06T09:00:00.000Z") }),
    );
    expect(roster.entries.map((e) => e.source)).toEqual(["b.json"]);
    expect(roster.notes).toEqual(["Kept Ada's newer receipt already in the roster."]);
  });

  it("drop a kept receipt that no longer reads, keeping the rest", async () => {
    const store = memoryKeyValueStore();
    await store.put("roster:receipts", [
      { source: "a.json", receipt: receiptOf("Ada", []) },
      { source: "bad.json", receipt: { format: "other" } },
      "junk",
    ]);
    const roster = new RosterState(store);
    await roster.load();
    expect(roster.entries.map((e) => e.source)).toEqual(["a.json"]);
  });

  it("show one course at a time, the most learners first, and the errors of the last batch", async () => {
    const roster = new RosterState(null);
    const other = receiptOf("Bo", []);
    other.course = { id: "https://x.example/course/", title: "Other", origin: "https://x.example" };
    await roster.add(
      read(
        { source: "a", receipt: receiptOf("Ada", []) },
        { source: "c", receipt: receiptOf("Cy", []) },
      ),
    );
    await roster.add({
      entries: [{ source: "b", receipt: other }],
      errors: [{ source: "x", message: "bad" }],
    });
    expect(roster.courses.map((c) => [c.id, c.learners])).toEqual([
      ["built-in", 2],
      ["https://x.example/course/", 1],
    ]);
    // The course of the receipt just added is shown.
    expect(roster.view.rows.map((r) => r.learner)).toEqual(["Bo"]);
    expect(roster.errors).toEqual([{ source: "x", message: "bad" }]);
    roster.course = "built-in";
    expect(roster.view.rows.map((r) => r.learner)).toEqual(["Ada", "Cy"]);
  });
});
