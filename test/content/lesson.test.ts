import { describe, expect, it } from "vitest";
import { LessonFormatError, parseLesson } from "../../src/content/lesson.ts";

const VALID = `---
title: Hello
order: 1
summary: Say hello.
image: hello
---

## Intro

Some text.
`;

function formatError(run: () => unknown): LessonFormatError {
  try {
    run();
  } catch (error) {
    if (error instanceof LessonFormatError) return error;
    throw error;
  }
  throw new Error("expected a LessonFormatError");
}

describe("parseLesson", () => {
  it("returns the frontmatter, the Markdown body and a copy of the start files", () => {
    const files = { Dockerfile: "FROM busybox\n", ".dockerignore": "*.log\n" };
    const lesson = parseLesson("hello", VALID, files);
    expect(lesson).toEqual({
      id: "hello",
      title: "Hello",
      order: 1,
      summary: "Say hello.",
      image: "hello",
      markdown: "\n## Intro\n\nSome text.\n",
      startFiles: files,
    });
    expect(lesson.startFiles).not.toBe(files);
  });

  it("accepts CRLF line endings, a byte-order mark and optional fields left out", () => {
    const source = "\uFEFF---\r\ntitle: Hi\r\norder: 2.5\r\n---\r\nBody\r\n";
    const lesson = parseLesson("hi", source, {});
    expect(lesson).toMatchObject({ title: "Hi", order: 2.5, markdown: "Body\r\n" });
    expect(lesson).not.toHaveProperty("summary");
    expect(lesson).not.toHaveProperty("image");
  });

  it("rejects a file without frontmatter, naming the file", () => {
    expect(() => parseLesson("welcome", "# Welcome\n", {})).toThrow(
      /^lessons\/welcome\/lesson\.md: missing frontmatter: start the file with a "---" line/,
    );
  });

  it("names the lesson and field when a required field is missing", () => {
    const error = formatError(() => parseLesson("welcome", "---\norder: 1\n---\nBody\n", {}));
    expect(error.file).toBe("lessons/welcome/lesson.md");
    expect(error.message).toBe(
      'lessons/welcome/lesson.md: missing required frontmatter field "title"',
    );
  });

  it("reports a field of the wrong type with the value it got", () => {
    const source = '---\ntitle: Welcome\norder: "1"\n---\nBody\n';
    expect(() => parseLesson("welcome", source, {})).toThrow(
      'lessons/welcome/lesson.md: frontmatter field "order" must be a number, not the string "1"',
    );
  });

  it("treats unknown fields as typos and lists the known ones", () => {
    const source = "---\ntitle: Welcome\norder: 1\nsumary: oops\n---\nBody\n";
    expect(() => parseLesson("welcome", source, {})).toThrow(
      'unknown frontmatter field "sumary" (known fields: title, order, summary, image)',
    );
  });

  it("reports every problem at once, one per line", () => {
    const source = "---\ntitle: ''\norder: .inf\ncolour: red\n---\n\n";
    const error = formatError(() => parseLesson("x", source, {}));
    expect(error.problems).toEqual([
      'unknown frontmatter field "colour" (known fields: title, order, summary, image)',
      'frontmatter field "title" must not be empty',
      'frontmatter field "order" must be a finite number',
      "the lesson has no Markdown after the frontmatter",
    ]);
    expect(error.message.split("\n")).toHaveLength(4);
  });

  it("rejects image names that are not plain Docker references", () => {
    for (const image of ["Hello", "hello; rm -rf /", "hello world", "-x", "$(id)"]) {
      const source = `---\ntitle: T\norder: 1\nimage: "${image}"\n---\nBody\n`;
      expect(() => parseLesson("x", source, {}), image).toThrow(
        /frontmatter field "image" must be a lowercase image name/,
      );
    }
    for (const image of ["hello", "web:v2", "my-app_1.0", "course/layers:latest"]) {
      const source = `---\ntitle: T\norder: 1\nimage: "${image}"\n---\nBody\n`;
      expect(parseLesson("x", source, {}).image).toBe(image);
    }
  });

  it("rejects lesson ids that are not lowercase folder names", () => {
    for (const id of ["Welcome", "-intro", "two words", "a_b", "", "../x"]) {
      expect(() => parseLesson(id, VALID, {}), id).toThrow(/invalid lesson id/);
    }
  });

  it("reports YAML syntax errors with the line in lesson.md", () => {
    const source = "---\ntitle: Hello\norder: [1\n---\nBody\n";
    expect(() => parseLesson("x", source, {})).toThrow(
      /^lessons\/x\/lesson\.md: invalid YAML in the frontmatter \(line 3\): /,
    );
    expect(() => parseLesson("x", "---\ntitle: a\ntitle: b\norder: 1\n---\nB\n", {})).toThrow(
      /\(line 3\): Map keys must be unique$/,
    );
  });

  it("rejects frontmatter that is not a mapping, and reports empty frontmatter's missing fields", () => {
    expect(() => parseLesson("x", "---\n- title\n---\nBody\n", {})).toThrow(
      "frontmatter must be a YAML mapping",
    );
    expect(formatError(() => parseLesson("x", "---\n---\nBody\n", {})).problems).toEqual([
      'missing required frontmatter field "title"',
      'missing required frontmatter field "order"',
    ]);
  });

  it("rejects start file paths that escape start/ and binary start files", () => {
    expect(() => parseLesson("x", VALID, { "../etc/passwd": "" })).toThrow(
      'start file "../etc/passwd": use a path relative to start/',
    );
    expect(() => parseLesson("x", VALID, { "/abs": "" })).toThrow(/start file "\/abs"/);
    expect(() => parseLesson("x", VALID, { "logo.png": "\uFFFDPNG\0" })).toThrow(
      'start file "logo.png" is not UTF-8 text',
    );
  });
});
