import { describe, expect, it } from "vitest";
import { parseLesson } from "../../src/content/lesson.ts";
import { selfTestLesson } from "../../src/exercise/selfTest.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";

// Step "no-draft" asks for draft.txt to be gone: true in the start state,
// false once "write" (which also writes a draft) has run. The walk alone
// never sees it pass early; the challenge rule looks at the start state.
const LESSON = (challenge: boolean) => `---
id: tidy
title: Tidy
summary: Write a file, then tidy up.
minutes: 5
challenge: ${challenge}
---

## Read the notes

\`\`\`step
id: look
observe: true
checks:
  - kind: file
    path: notes.txt
hints: [Open notes.txt.]
solution: cat notes.txt
\`\`\`

## Write the answer

\`\`\`step
id: write
checks:
  - kind: file
    path: answer.txt
    contains: "42"
hints: [The answer is a number.]
solution: touch draft.txt
solutionFiles: [answer.txt]
\`\`\`

## Remove the draft

\`\`\`step
id: no-draft
checks:
  - kind: file
    path: draft.txt
    exists: false
hints: [rm removes a file.]
solution: rm draft.txt
\`\`\`
`;

function lesson(challenge: boolean) {
  return parseLesson({
    dir: "lessons/01-a/01-tidy",
    chapter: "a",
    source: LESSON(challenge),
    files: { "notes.txt": "the answer is 42\n" },
    solutionFiles: { "answer.txt": "42\n" },
  });
}

/** A fake sandbox whose shell knows the two commands the solutions run. */
function sandbox(): FakeRuntime {
  const runtime: FakeRuntime = new FakeRuntime({
    exec: async (command) => {
      if (command.endsWith("touch draft.txt")) await runtime.writeFile("draft.txt", "");
      if (command.endsWith("rm draft.txt")) await runtime.removeFile("draft.txt");
      return { exitCode: 0, stdout: new Uint8Array(), stderr: new Uint8Array() };
    },
  });
  return runtime;
}

describe("the self-test of a challenge", () => {
  it("checks every step in the start state and fails one a learner would get for free", async () => {
    const report = await selfTestLesson(sandbox(), lesson(true));
    expect(report.startFailed).toEqual({
      look: [],
      write: ["File answer.txt: There is no answer.txt in the workspace."],
      "no-draft": [],
    });
    // "look" is an observation: passing at the start is its point.
    expect(report.problems).toEqual([
      expect.stringMatching(
        /^challenge step no-draft passes in the start state: a learner would get it for free/,
      ),
    ]);
    // The walk itself still ran every step.
    expect(report.steps.map((s) => [s.id, s.failedAfter])).toEqual([
      ["look", []],
      ["write", []],
      ["no-draft", []],
    ]);
  });

  it("leaves a lesson that is not a challenge as before", async () => {
    const report = await selfTestLesson(sandbox(), lesson(false));
    expect(report.startFailed).toBeUndefined();
    expect(report.problems).toEqual([]);
  });
});
