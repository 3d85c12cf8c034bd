import { describe, expect, it } from "vitest";
import { rosterView, stepKey } from "../../src/roster/rosterView.ts";
import { receiptOf } from "./receiptFixtures.ts";

const entry = (learner: string, passed: string[]) => ({
  source: `${learner}.json`,
  receipt: receiptOf(learner, passed),
});

describe("the roster of a course", () => {
  const view = rosterView([
    entry("Cy", []),
    entry("Ada", ["welcome/first-container", "welcome/first-image", "run-options/detach"]),
    entry("Bo", ["welcome/first-container"]),
    entry("Di", ["welcome/first-container"]),
  ]);

  it("has a row per learner, by name, with when each step passed", () => {
    expect(view.rows.map((r) => r.learner)).toEqual(["Ada", "Bo", "Cy", "Di"]);
    expect(view.rows[1]!.passed.get("welcome/first-container")).toBe("2026-12-06T10:00:00.000Z");
    expect(view.rows[1]!.passed.has("welcome/first-image")).toBe(false);
    expect(view.rows[1]!.evidence.get("welcome/first-container")).toEqual([
      "Container web: Container web is running (first-container).",
    ]);
  });

  it("knows each learner's first step not passed", () => {
    expect(
      view.rows.map(
        (r) => r.firstUnpassed && stepKey(r.firstUnpassed.lesson, r.firstUnpassed.step),
      ),
    ).toEqual([
      "run-options/ports",
      "welcome/first-image",
      "welcome/first-container",
      "welcome/first-image",
    ]);
  });

  it("counts, per step, who passed the step before it but not it, and names the worst", () => {
    expect(Object.fromEntries(view.stuck)).toEqual({
      "welcome/first-container": 1,
      "welcome/first-image": 2,
      "run-options/detach": 0,
      "run-options/ports": 1,
    });
    expect(view.mostStuck).toEqual({ lesson: "welcome", step: "first-image" });
  });

  it("merges lessons and steps of receipts that list different parts of the course, in order", () => {
    const a = receiptOf("A", []);
    a.lessons = [{ id: "one", title: "one", steps: [{ id: "x", passedAt: null, evidence: [] }] }];
    const b = receiptOf("B", []);
    b.lessons = [
      { id: "zero", title: "Zero", steps: [] },
      {
        id: "one",
        title: "One",
        steps: [
          { id: "w", passedAt: null, evidence: [] },
          { id: "x", passedAt: null, evidence: [] },
        ],
      },
      { id: "two", title: "Two", steps: [] },
    ];
    const merged = rosterView([
      { source: "a", receipt: a },
      { source: "b", receipt: b },
    ]);
    expect(merged.lessons).toEqual([
      { id: "zero", title: "Zero", steps: [] },
      { id: "one", title: "One", steps: ["w", "x"] },
      { id: "two", title: "Two", steps: [] },
    ]);
  });

  it("shows columns for lessons someone started or is stuck in, not the whole course", () => {
    const fresh = rosterView([entry("Ada", ["welcome/first-container", "welcome/first-image"])]);
    expect(fresh.shownLessons.map((l) => l.id)).toEqual(["welcome", "run-options"]);
    const started = rosterView([entry("Ada", ["welcome/first-container"])]);
    expect(started.shownLessons.map((l) => l.id)).toEqual(["welcome"]);
  });

  it("is empty without receipts", () => {
    expect(rosterView([])).toMatchObject({ lessons: [], rows: [], mostStuck: null });
  });
});
