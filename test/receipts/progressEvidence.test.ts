import { describe, expect, it } from "vitest";
import { parseLesson } from "../../src/content/lesson.ts";
import { EVIDENCE_LINES } from "../../src/receipts/evidence.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { CheckState } from "../../src/state/CheckState.svelte.ts";
import { memoryKeyValueStore } from "../../src/state/keyValueStore.ts";
import { progressStore } from "../../src/state/progressStore.ts";
import { startedSession } from "../session/startedSession.ts";

const lesson = parseLesson({
  dir: "lessons/01-a/01-make",
  chapter: "a",
  source: `---
id: make
title: Make a file
summary: Make it.
minutes: 5
---

## Make it

\`\`\`step
id: touch
checks:
  - kind: file
    path: a.txt
    exists: true
solution: touch a.txt
\`\`\`
`,
  files: {},
  solutionFiles: {},
});

describe("progress keeps what the checks saw", () => {
  it("stores a passed step's evidence with its time", async () => {
    const kv = memoryKeyValueStore();
    const checks = new CheckState(progressStore(kv), { debounceMs: 60_000 });
    await checks.load();
    checks.setLesson(lesson);
    await checks.attach(await startedSession(new FakeRuntime({ files: { "a.txt": "x" } })));
    await checks.checkNow();
    await new Promise((r) => setTimeout(r, 5));
    const stored = (await progressStore(kv).load()).lessons.make!.steps.touch!;
    expect(stored.passedAt).toMatch(/^\d{4}-/);
    expect(stored.evidence?.length).toBeGreaterThan(0);
    expect(stored.evidence?.join("\n")).toMatch(/a\.txt/);
    checks.dispose();
  });

  it("loads progress stored before evidence was kept, and caps evidence it reads", async () => {
    const kv = memoryKeyValueStore();
    await kv.put("progress", {
      format: "docker-sandbox-progress",
      version: 1,
      lessons: {
        old: { steps: { s: { passedAt: "2026-01-01T00:00:00.000Z" } } },
        big: {
          steps: { s: { passedAt: "2026-01-01T00:00:00.000Z", evidence: Array(50).fill("x") } },
        },
      },
    });
    const progress = await progressStore(kv).load();
    expect(progress.lessons.old!.steps.s).toEqual({ passedAt: "2026-01-01T00:00:00.000Z" });
    expect(progress.lessons.big!.steps.s!.evidence).toHaveLength(EVIDENCE_LINES);
  });
});
