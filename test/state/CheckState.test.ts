import { describe, expect, it } from "vitest";
import { startedSession } from "../session/startedSession.ts";
import { parseLesson } from "../../src/content/lesson.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { CheckState } from "../../src/state/CheckState.svelte.ts";
import { memoryKeyValueStore } from "../../src/state/keyValueStore.ts";
import { progressStore } from "../../src/state/progressStore.ts";

const lesson = parseLesson({
  dir: "lessons/01-a/01-files",
  chapter: "a",
  source: `---
id: files
title: Files
summary: Edit files.
minutes: 5
---

## Write the Dockerfile

\`\`\`step
id: dockerfile
checks:
  - kind: file
    path: Dockerfile
    dockerfile: { order: [FROM, CMD] }
hints: [Start with FROM., Then CMD.]
solutionFiles: [Dockerfile]
\`\`\`

## Remove the notes

\`\`\`step
id: no-notes
checks:
  - kind: file
    path: notes.txt
    exists: false
solution: rm notes.txt
\`\`\`
`,
  files: { Dockerfile: "FROM busybox\n", "notes.txt": "x" },
  solutionFiles: { Dockerfile: "FROM busybox\nCMD echo\n" },
});
const [dockerfile, noNotes] = lesson.steps as [(typeof lesson.steps)[0], (typeof lesson.steps)[0]];
const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe("CheckState", () => {
  it("re-runs checks on workspace changes, debounced, and keeps a passed step passed", async () => {
    const rt = new FakeRuntime({ files: { Dockerfile: "FROM busybox\n", "notes.txt": "x" } });
    const checks = new CheckState(null, { debounceMs: 5 });
    checks.setLesson(lesson);
    await checks.attach(await startedSession(rt));
    await settle();
    expect(checks.status(dockerfile)).toBe("failed");
    expect(checks.result(dockerfile)?.checks[0]?.assertions.find((a) => !a.ok)?.message).toMatch(
      /CMD/,
    );
    expect(checks.currentStep?.id).toBe("dockerfile");

    await rt.writeFile("Dockerfile", "FROM busybox\nCMD echo hi\n");
    checks.noticeWorkspaceChange();
    checks.noticeWorkspaceChange(); // coalesced into one run
    await settle();
    expect(checks.status(dockerfile)).toBe("passed");
    expect(checks.currentStep?.id).toBe("no-notes");

    // Undoing the work later does not take a passed step back.
    await rt.writeFile("Dockerfile", "FROM busybox\n");
    await checks.checkNow();
    expect(checks.status(dockerfile)).toBe("passed");
    expect(checks.passedCount(lesson)).toBe(1);
    checks.dispose();
  });

  it("reveals hints one at a time and forgets a lesson's progress on reset", async () => {
    const store = progressStore(memoryKeyValueStore());
    const checks = new CheckState(store, { debounceMs: 5 });
    checks.setLesson(lesson);
    checks.revealHint(dockerfile);
    checks.revealHint(dockerfile);
    checks.revealHint(dockerfile);
    expect(checks.hintsShown(dockerfile)).toBe(2);
    await checks.attach(
      await startedSession(new FakeRuntime({ files: { Dockerfile: "FROM busybox\nCMD x\n" } })),
    );
    await checks.checkNow();
    expect(checks.passedCount(lesson)).toBe(2);
    expect(Object.keys((await store.load()).lessons.files?.steps ?? {})).toEqual([
      "dockerfile",
      "no-notes",
    ]);
    await checks.forgetLesson("files");
    expect(checks.passedCount(lesson)).toBe(0);
    expect(checks.hintsShown(dockerfile)).toBe(0);
    expect((await store.load()).lessons).toEqual({});
    checks.dispose();
  });

  it("exports progress and merges an import; a bad file changes nothing", async () => {
    const checks = new CheckState(progressStore(memoryKeyValueStore()), { debounceMs: 5 });
    checks.setLesson(lesson);
    await checks.attach(
      await startedSession(
        new FakeRuntime({ files: { Dockerfile: "FROM busybox\nCMD x\n", "notes.txt": "x" } }),
      ),
    );
    await checks.checkNow();
    const exported = checks.exportProgress();
    const other = new CheckState(progressStore(memoryKeyValueStore()));
    await expect(other.importProgress("not json")).rejects.toThrow(/not a progress export/);
    expect(other.progress.lessons).toEqual({});
    await other.importProgress(exported);
    expect(other.passedAt(dockerfile, "files")).toBe(checks.passedAt(dockerfile));
    expect(other.passedAt(noNotes, "files")).toBeNull();
    checks.dispose();
  });

  it("reports a check that cannot run as an error, not as the learner's failure", async () => {
    const rt = new FakeRuntime();
    rt.readFile = () => Promise.reject(new Error("the control channel is gone"));
    const checks = new CheckState(null, { debounceMs: 5 });
    checks.setLesson(lesson);
    await checks.attach(await startedSession(rt));
    await checks.checkNow();
    expect(checks.status(dockerfile)).toBe("error");
    expect(checks.error(dockerfile)).toMatch(/could not run: .*control channel is gone/);
    checks.dispose();
  });
});
