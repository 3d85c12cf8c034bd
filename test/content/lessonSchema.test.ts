import { describe, expect, it } from "vitest";
import { checkKinds } from "../../src/checks/checkKinds.ts";
import {
  chapterSchema,
  courseSchema,
  frontmatterSchema,
  quizChoiceSchema,
  quizSchema,
  quizWrongAnswerSchema,
  stepSchema,
} from "../../src/content/lessonSchema.ts";

describe("content schemas", () => {
  const shapes: [string, Record<string, unknown>][] = [
    ["course", courseSchema.shape],
    ["chapter", chapterSchema.shape],
    ["frontmatter", frontmatterSchema.shape],
    ["step", stepSchema.shape],
    ["quiz", quizSchema.shape],
    ["quiz choice", quizChoiceSchema.shape],
    ["quiz wrong answer", quizWrongAnswerSchema.shape],
    ...Object.entries(checkKinds).map(([name, kind]): [string, Record<string, unknown>] => [
      `check ${name}`,
      kind.schema.shape,
    ]),
  ];
  it.each(shapes)("describes every %s field for authors", (_name, shape) => {
    for (const [field, schema] of Object.entries(shape)) {
      expect((schema as { description?: string }).description?.length ?? 0, field).toBeGreaterThan(
        15,
      );
    }
  });

  it("fills in frontmatter defaults", () => {
    expect(frontmatterSchema.parse({ id: "a", title: "A", summary: "S", minutes: 5 })).toEqual({
      id: "a",
      title: "A",
      summary: "S",
      minutes: 5,
      prerequisites: [],
      cwd: "/workspace",
      start: "ready",
      challenge: false,
    });
  });

  it("refuses ids, paths and image names that would break URLs or the shell", () => {
    const base = { id: "a", title: "A", summary: "S", minutes: 5 };
    expect(frontmatterSchema.safeParse({ ...base, id: "Run_It" }).success).toBe(false);
    expect(frontmatterSchema.safeParse({ ...base, image: "web; rm -rf /" }).success).toBe(false);
    expect(frontmatterSchema.safeParse({ ...base, focus: "../etc/passwd" }).success).toBe(false);
    expect(frontmatterSchema.safeParse({ ...base, cwd: "/etc" }).success).toBe(false);
    expect(frontmatterSchema.safeParse({ ...base, cwd: "/workspace/a; rm -rf /" }).success).toBe(
      false,
    );
    expect(frontmatterSchema.safeParse({ ...base, minutes: 0 }).success).toBe(false);
    expect(
      frontmatterSchema.safeParse({ ...base, image: "web:v2", cwd: "/workspace/app" }).success,
    ).toBe(true);
  });
});
