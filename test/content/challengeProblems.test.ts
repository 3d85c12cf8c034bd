import { describe, expect, it } from "vitest";
import { LessonFormatError, parseLesson, type LessonSource } from "../../src/content/lesson.ts";

// Line numbers below are lines of this lesson.md: the frontmatter is lines 1-7.
const FRONT = `---
id: greet
title: Greet
summary: Build an image that greets.
minutes: 10
challenge: true
---
`;

const BODY = `
Build an image called \`greeter\` whose containers print a greeting.

## Build it

Write the Dockerfile and build it.

\`\`\`dockerfile
FROM busybox
\`\`\`

\`\`\`step
id: build
checks:
  - kind: image
    ref: greeter
hints: [Start FROM busybox and set a CMD.]
solution: docker build -t greeter .
solutionFiles: [Dockerfile]
\`\`\`
`;

const DOCKERFILE = 'FROM busybox\nCMD ["echo", "hello"]\n';

const source = (text: string): LessonSource => ({
  dir: "lessons/01-a/01-greet",
  chapter: "a",
  source: text,
  solutionFiles: { Dockerfile: DOCKERFILE },
});

function problems(input: LessonSource): string[] {
  try {
    parseLesson(input);
  } catch (error) {
    if (error instanceof LessonFormatError) return error.message.split("\n");
    throw error;
  }
  return [];
}

describe("challenge lessons", () => {
  it("parse with challenge set when they keep the rules", () => {
    expect(parseLesson(source(FRONT + BODY)).challenge).toBe(true);
    expect(parseLesson(source(FRONT.replace("challenge: true\n", "") + BODY)).challenge).toBe(
      false,
    );
  });

  it("refuse a Run block, naming the file and the line, and say to drop run", () => {
    const text = FRONT + BODY.replace("```dockerfile\nFROM busybox", "```sh run\ndocker images");
    expect(problems(source(text))).toEqual([
      'lessons/01-a/01-greet/lesson.md: line 15: a challenge has no Run buttons: write the goal instead of the command, or drop "run" from the block ("```sh" instead of "```sh run")',
    ]);
    // The same block is fine in a lesson that is not a challenge.
    expect(problems(source(text.replace("challenge: true\n", "")))).toEqual([]);
  });

  it("refuse a step without hints", () => {
    const text = FRONT + BODY.replace("hints: [Start FROM busybox and set a CMD.]\n", "");
    expect(problems(source(text))).toEqual([
      expect.stringMatching(
        /^lessons\/01-a\/01-greet\/lesson\.md: line 19: step "build": a challenge step needs at least one hint \(hints: \["…"\]\)/,
      ),
    ]);
  });

  it("refuse a step without a solution, in the challenge's words only", () => {
    const text =
      FRONT +
      BODY.replace("solution: docker build -t greeter .\n", "").replace(
        "solutionFiles: [Dockerfile]\n",
        "",
      );
    expect(problems(source(text))).toEqual([
      'lessons/01-a/01-greet/lesson.md: line 19: step "build": a challenge step needs a solution (commands) or solutionFiles, so "Show me" and the self-test can solve it',
    ]);
  });

  it("refuse a code block holding a whole solution file, however it is indented", () => {
    const shown = '```dockerfile\nFROM   busybox\n\n  CMD ["echo",  "hello"]\n';
    const text = FRONT + BODY.replace("```dockerfile\nFROM busybox\n", shown);
    expect(problems(source(text))).toEqual([
      "lessons/01-a/01-greet/lesson.md: line 15: this code block holds all of solution/Dockerfile, the answer to paste: in a challenge, show only part of it or describe what it must do",
    ]);
    // Any fenced block counts, with other lines around the file's.
    const inText =
      FRONT + BODY.replace("```dockerfile\nFROM busybox\n", "```\n# mine\n" + DOCKERFILE);
    expect(problems(source(inText))).toHaveLength(1);
  });

  it("allow a block showing a solution file the learner starts with unchanged", () => {
    const shown = "```python\nprint('hi')\n```\n";
    const text = FRONT + BODY.replace("```dockerfile\nFROM busybox\n```\n", shown);
    const solved = {
      ...source(text),
      solutionFiles: { Dockerfile: DOCKERFILE, "app.py": "print('hi')\n" },
    };
    expect(problems({ ...solved, files: { "app.py": "print('hi')" } })).toEqual([]);
    // Written by the solution (here the learner starts with an empty file), it is the answer.
    expect(problems({ ...solved, files: { "app.py": "" } })).toEqual([
      expect.stringMatching(/line 15: this code block holds all of solution\/app\.py/),
    ]);
  });

  it("allow a block that shows part of a solution file, and an empty solution file", () => {
    const input = source(FRONT + BODY);
    expect(
      problems({ ...input, solutionFiles: { Dockerfile: DOCKERFILE, ".dockerignore": "" } }),
    ).toEqual([]);
  });
});
