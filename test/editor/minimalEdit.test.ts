import { describe, expect, it } from "vitest";
import { minimalEdit } from "../../src/editor/minimalEdit.ts";

const apply = (before: string, after: string) => {
  const { start, end, text } = minimalEdit(before, after);
  return before.slice(0, start) + text + before.slice(end);
};

describe("minimalEdit", () => {
  it("replaces only what changed between a common prefix and suffix", () => {
    expect(minimalEdit("FROM alpine\nRUN a\n", "FROM alpine\nRUN b\n")).toEqual({
      start: 16,
      end: 17,
      text: "b",
    });
  });

  it("appends and truncates", () => {
    expect(minimalEdit("a\n", "a\nb\n")).toEqual({ start: 2, end: 2, text: "b\n" });
    expect(minimalEdit("a\nb\n", "a\n")).toEqual({ start: 2, end: 4, text: "" });
  });

  it("handles repeated characters around the change", () => {
    for (const [before, after] of [
      ["aaa", "aaaa"],
      ["aaaa", "aa"],
      ["", "x"],
      ["x", ""],
      ["abcabc", "abc"],
    ] as const) {
      expect(apply(before, after)).toBe(after);
    }
  });

  it("never splits a surrogate pair or a CRLF", () => {
    const emoji = minimalEdit("a😀b", "a😃b");
    expect(emoji.start).toBe(1);
    expect(emoji.end).toBe(3);
    const crlf = minimalEdit("a\r\nb", "a\rX\nb");
    expect(crlf.start).toBeLessThanOrEqual(1);
    expect(crlf.end).toBeGreaterThanOrEqual(3);
    expect(apply("a\r\nb", "a\rX\nb")).toBe("a\rX\nb");
    // A CRLF that only the new text has is not split either.
    expect(minimalEdit("a\rb", "a\r\nb").start).toBe(1);
  });
});
