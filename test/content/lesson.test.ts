import { describe, expect, it } from "vitest";
import {
  LessonFormatError,
  parseLesson,
  type CheckStep,
  type LessonSource,
} from "../../src/content/lesson.ts";

const FRONT = `---
id: hello
title: Hello
summary: Say hello.
minutes: 5
image: hello
---
`;

const BODY = `
Intro text, see [images](lesson:images-and-layers).

## Build it

\`\`\`sh run
docker build -t hello .
\`\`\`

\`\`\`step
id: build
checks:
  - kind: image
    ref: hello
hints: [Use docker build.]
solution: docker build -t hello .
\`\`\`

## Run it

\`\`\`step
id: run
checks:
  - kind: container
    name: hi
    state: exited
solutionFiles: [Dockerfile]
\`\`\`

The end.
`;

const source = (text: string, extra: Partial<LessonSource> = {}): LessonSource => ({
  dir: "lessons/01-a/01-hello",
  chapter: "a",
  source: text,
  files: { Dockerfile: "FROM busybox\n" },
  solutionFiles: { Dockerfile: "FROM busybox\nCMD echo hi\n" },
  ...extra,
});

function problems(input: LessonSource): string[] {
  try {
    parseLesson(input);
  } catch (error) {
    if (error instanceof LessonFormatError) return [...error.problems];
    throw error;
  }
  throw new Error("expected a LessonFormatError");
}

describe("parseLesson", () => {
  it("cuts the Markdown at step blocks and titles each step from its heading", () => {
    const lesson = parseLesson(source(FRONT + BODY));
    expect(lesson).toMatchObject({
      id: "hello",
      chapter: "a",
      dir: "lessons/01-a/01-hello",
      minutes: 5,
      cwd: "/workspace",
      start: "ready",
      prerequisites: [],
      links: ["images-and-layers"],
    });
    const steps = lesson.steps as CheckStep[];
    expect(steps.map((s) => [s.id, s.title, s.hints, s.solutionFiles])).toEqual([
      ["build", "Build it", ["Use docker build."], []],
      ["run", "Run it", [], ["Dockerfile"]],
    ]);
    expect(steps[0]?.checks[0]).toMatchObject({ kind: "image", ref: "hello" });
    expect(lesson.sections.map((s) => s.step?.id ?? null)).toEqual(["build", "run", null]);
    expect(lesson.sections[2]?.markdown).toBe("\n\nThe end.\n");
    // The step blocks are not part of the prose; lesson links become app routes.
    expect(lesson.markdown).not.toContain("```step");
    expect(lesson.markdown).toContain("[images](?lesson=images-and-layers)");
    expect(lesson.files).toEqual({ Dockerfile: "FROM busybox\n" });
  });

  it("names the file, the line and the field of every problem at once", () => {
    const text =
      FRONT.replace("minutes: 5", "minutes: five\ncolour: blue") +
      BODY.replace("kind: image", "kind: imgae");
    expect(problems(source(text))).toEqual([
      'frontmatter.minutes: expected number, got string "five"',
      "frontmatter.colour: unknown field",
      expect.stringMatching(
        /^line 18: step\.checks\[0\]\.kind: unknown check kind "imgae"; expected one of image, container/,
      ),
    ]);
  });

  it("reports YAML errors with the line in the file", () => {
    expect(problems(source(FRONT.replace("minutes: 5", "minutes: [5") + BODY))).toEqual([
      expect.stringMatching(/^invalid YAML at line \d+: /),
    ]);
  });

  it("requires frontmatter, steps, and a way to solve each step", () => {
    expect(problems(source("# no frontmatter"))[0]).toMatch(/^missing frontmatter/);
    expect(problems(source(FRONT + "\n## Only prose\n"))).toEqual([
      'the lesson has no steps: add a ```step block with checks or a quiz under a "## " heading',
    ]);
    const unsolvable = BODY.replace("solution: docker build -t hello .\n", "");
    expect(problems(source(FRONT + unsolvable))).toEqual([
      expect.stringMatching(
        /^line 17: step "build": give the step a solution \(commands\) or solutionFiles/,
      ),
    ]);
  });

  it("checks step ids, solution files and the focus file against the lesson's folders", () => {
    const text =
      FRONT.replace("image: hello", "focus: app.py") + BODY.replace("id: run", "id: build");
    expect(problems(source(text, { solutionFiles: {} }))).toEqual([
      'line 28: step "build": solutionFiles names "Dockerfile", which is not in solution/',
      'line 28: step "build": the id is used by another step of this lesson',
      'frontmatter.focus: "app.py" is neither in files/ nor in solution/',
    ]);
  });

  it("says to quote text with a colon that YAML read as a mapping", () => {
    const text =
      FRONT + BODY.replace("hints: [Use docker build.]", "hints:\n  - Use -p host: container");
    expect(problems(source(text))).toEqual([
      expect.stringMatching(
        /step\.hints\[0\]: expected string, got a mapping \(text containing ": " must be quoted/,
      ),
    ]);
  });

  it("refuses binary lesson files", () => {
    expect(problems(source(FRONT + BODY, { files: { "logo.png": "\u0000PNG" } }))).toEqual([
      "files/logo.png is not UTF-8 text (binary lesson files are unsupported)",
    ]);
  });

  it("refuses control characters in Run blocks and solutions, naming the line", () => {
    const text =
      FRONT +
      BODY.replace(
        "docker build -t hello .\n```",
        "docker build -t hello .\x7f\x7fls\n```",
      ).replace(
        "solution: docker build -t hello .",
        'solution: "docker build -t hello .\\n\\u001b[1Aecho done"',
      );
    expect(problems(source(text))).toEqual([
      expect.stringMatching(
        /^line 17: step\.solution: line 2 holds the control character U\+001B, which a terminal acts on without showing it/,
      ),
      expect.stringMatching(/^line 14: the Run block holds the control character U\+007F, /),
    ]);
  });

  it("refuses check patterns that can backtrack exponentially", () => {
    const text =
      FRONT + BODY.replace("ref: hello", 'ref: hello\n    history: [{ matches: "(a|ab)*c" }]');
    expect(problems(source(text))).toEqual([
      expect.stringMatching(
        /^line 17: step\.checks\[0\]\.history\[0\]\.matches: \/\(a\|ab\)\*c\/: "\(a\|ab\)\*" repeats a group/,
      ),
    ]);
  });
});
