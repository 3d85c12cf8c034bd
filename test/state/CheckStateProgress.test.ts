import { describe, expect, it } from "vitest";
import { startedSession } from "../session/startedSession.ts";
import { parseLesson } from "../../src/content/lesson.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { CheckState } from "../../src/state/CheckState.svelte.ts";
import { memoryKeyValueStore } from "../../src/state/keyValueStore.ts";
import { progressStore, type ProgressStore } from "../../src/state/progressStore.ts";

/** A lesson with one step: `file` exists. */
const lessonNeeding = (id: string, file: string) =>
  parseLesson({
    dir: `lessons/01-a/01-${id}`,
    chapter: "a",
    source: `---
id: ${id}
title: ${id}
summary: Make ${file}.
minutes: 5
---

## Make it

\`\`\`step
id: make
checks:
  - kind: file
    path: ${file}
    exists: true
solution: touch ${file}
\`\`\`
`,
    files: {},
    solutionFiles: {},
  });

const lessonA = lessonNeeding("first", "a.txt");
const lessonB = lessonNeeding("second", "b.txt");
const [stepA] = lessonA.steps;
const [stepB] = lessonB.steps;

async function tabPassing(store: ProgressStore, lesson: typeof lessonA, file: string) {
  const checks = new CheckState(store, { debounceMs: 60_000 });
  await checks.load();
  checks.setLesson(lesson);
  await checks.attach(await startedSession(new FakeRuntime({ files: { [file]: "x" } })));
  return checks;
}

describe("CheckState progress in the browser", () => {
  it("keeps the steps two tabs passed in different lessons", async () => {
    const kv = memoryKeyValueStore();
    // Both tabs read the (empty) progress before either passes a step.
    const tabA = new CheckState(progressStore(kv), { debounceMs: 60_000 });
    const tabB = new CheckState(progressStore(kv), { debounceMs: 60_000 });
    await Promise.all([tabA.load(), tabB.load()]);
    for (const [tab, lesson, file] of [
      [tabA, lessonA, "a.txt"],
      [tabB, lessonB, "b.txt"],
    ] as const) {
      tab.setLesson(lesson);
      await tab.attach(await startedSession(new FakeRuntime({ files: { [file]: "x" } })));
      await tab.checkNow();
    }
    await new Promise((r) => setTimeout(r, 5));
    const stored = await progressStore(kv).load();
    expect(Object.keys(stored.lessons).sort()).toEqual(["first", "second"]);
    // The tab that saved last shows the other tab's step too.
    expect(tabB.passedAt(stepA!, "first")).not.toBeNull();
    tabA.dispose();
    tabB.dispose();
  });

  it("shows that progress could not be saved, and keeps the step done in this tab", async () => {
    const refused = Object.assign(progressStore(memoryKeyValueStore()), {
      markPassed: () =>
        Promise.reject(new DOMException("The quota has been exceeded.", "QuotaExceededError")),
    });
    const checks = await tabPassing(refused, lessonB, "b.txt");
    expect(checks.storageError).toBeNull();
    await checks.checkNow();
    await new Promise((r) => setTimeout(r, 5));
    expect(checks.passedAt(stepB!)).not.toBeNull();
    expect(checks.storageError).toMatch(
      /^Your progress could not be saved in this browser: The quota has been exceeded\. .*Export progress/,
    );
    checks.dispose();
  });
});
