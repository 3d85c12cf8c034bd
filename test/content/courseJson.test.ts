import { describe, expect, it } from "vitest";
import {
  COURSE_FORMAT,
  MAX_COURSE_FILES,
  courseDigest,
  packCourseJson,
  parseCourseJson,
} from "../../src/content/courseJson.ts";

const FILES = {
  "course.yaml": "title: T\nsummary: S\n",
  "01-a/chapter.yaml": "id: a\ntitle: A\nsummary: A.\n",
};

describe("course.json", () => {
  it("reads back what pack wrote, files in path order", async () => {
    const packed = await packCourseJson(FILES, "T");
    const read = await parseCourseJson(JSON.stringify(packed));
    expect(read.format).toBe(COURSE_FORMAT);
    expect(read.title).toBe("T");
    expect(Object.keys(read.files)).toEqual(["01-a/chapter.yaml", "course.yaml"]);
    expect(read.digest).toBe(await courseDigest(FILES));
  });

  it("has a digest that changes with any path or text", async () => {
    const base = await courseDigest(FILES);
    expect(await courseDigest({ ...FILES, "course.yaml": "title: T\nsummary: s\n" })).not.toBe(
      base,
    );
    // Moving text between a path and its content must not keep the digest.
    expect(await courseDigest({ ab: "c" })).not.toBe(await courseDigest({ a: "bc" }));
  });

  it("refuses a file edited after packing, and says to pack again", async () => {
    const packed = await packCourseJson(FILES, "T");
    packed.files["course.yaml"] = "title: Evil\nsummary: S\n";
    await expect(
      parseCourseJson(JSON.stringify(packed), "https://x.example/course.json"),
    ).rejects.toThrow(
      /https:\/\/x\.example\/course\.json: its files do not match its digest.*pack/s,
    );
  });

  it("says when the text is not JSON, e.g. a host's HTML 404 page", async () => {
    await expect(parseCourseJson("<!doctype html><h1>Not found</h1>")).rejects.toThrow(
      /course\.json: not JSON .*HTML page/s,
    );
  });

  it("names every field at fault, and what to do", async () => {
    const packed = await packCourseJson(FILES, "T");
    const bad = { ...packed, format: "zip", extra: 1 };
    const error = await parseCourseJson(JSON.stringify(bad)).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/course\.json: format/);
    expect((error as Error).message).toMatch(/course\.json: extra: unknown field/);
    expect((error as Error).message).toMatch(/npm run course -- pack/);
  });

  it("refuses paths that leave the course folder or are absolute", async () => {
    for (const path of ["../etc/passwd", "/abs/lesson.md", "a/./b", "a//b", "a\\b"]) {
      const packed = await packCourseJson({ ...FILES, [path]: "x" }, "T");
      await expect(parseCourseJson(JSON.stringify(packed)), path).rejects.toThrow(
        /relative path inside the course folder/,
      );
    }
  });

  it("refuses more files than the limit", async () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_COURSE_FILES + 1 }, (_, i) => [`f${i}`, ""]),
    );
    const packed = await packCourseJson(many, "T");
    await expect(parseCourseJson(JSON.stringify(packed))).rejects.toThrow(
      new RegExp(`at most ${MAX_COURSE_FILES} files`),
    );
  });

  it("says a newer format needs a newer app", async () => {
    const packed = { ...(await packCourseJson(FILES, "T")), version: 2 };
    await expect(parseCourseJson(JSON.stringify(packed))).rejects.toThrow(
      /version 2 is newer than this app reads \(1\)/,
    );
  });
});
