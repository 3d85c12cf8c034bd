import { describe, expect, it } from "vitest";
import { parseLesson } from "../../src/content/lesson.ts";
import { selfTestLesson } from "../../src/exercise/selfTest.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";

const SOURCE = {
  dir: "lessons/01-a/01-walk",
  chapter: "a",
  source: `---
id: walk
title: Walk
summary: A quiz, then a file.
minutes: 5
---

## Think first

\`\`\`step
id: think
quiz:
  question: Which file comes next?
  answers: [notes.txt]
  feedback: Read on.
\`\`\`

## Then write

\`\`\`step
id: write
checks:
  - kind: file
    path: notes.txt
solutionFiles: [notes.txt]
\`\`\`
`,
  solutionFiles: { "notes.txt": "hello\n" },
};
const lesson = parseLesson(SOURCE);

describe("the self-test and quiz steps", () => {
  it("walks past a quiz without the sandbox, and tests the steps after it as usual", async () => {
    const runtime = new FakeRuntime();
    const report = await selfTestLesson(runtime, lesson);
    expect(report.problems).toEqual([]);
    expect(report.steps).toEqual([
      { id: "think", failedBefore: [], failedAfter: [], answers: [] },
      {
        id: "write",
        failedBefore: [expect.stringMatching(/notes\.txt/)],
        failedAfter: [],
        answers: [],
      },
    ]);
  });

  it("leaves a quiz out of a challenge's start-state check", async () => {
    const challenge = parseLesson({
      ...SOURCE,
      source: SOURCE.source
        .replace("minutes: 5\n", "minutes: 5\nchallenge: true\n")
        .replace("  feedback: Read on.\n", "  feedback: Read on.\nhints: [Read on.]\n")
        .replace(
          "solutionFiles: [notes.txt]\n",
          "solutionFiles: [notes.txt]\nhints: [Write it.]\n",
        ),
    });
    const report = await selfTestLesson(new FakeRuntime(), challenge);
    expect(report.problems).toEqual([]);
    expect(Object.keys(report.startFailed ?? {})).toEqual(["write"]);
  });
});
