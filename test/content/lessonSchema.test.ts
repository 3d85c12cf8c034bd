import { describe, expect, it } from "vitest";
import { frontmatterSchema, validateFrontmatter } from "../../src/content/lessonSchema.ts";

describe("frontmatter schema", () => {
  it("declares every field with a type and a description", () => {
    expect(Object.keys(frontmatterSchema)).toEqual(["title", "order", "summary", "image"]);
    for (const [name, spec] of Object.entries(frontmatterSchema)) {
      expect(["string", "number"], name).toContain(spec.type);
      expect(spec.description.length, name).toBeGreaterThan(20);
    }
    expect(frontmatterSchema.title.required).toBe(true);
    expect(frontmatterSchema.order.required).toBe(true);
    expect(frontmatterSchema.summary.required).toBe(false);
    expect(frontmatterSchema.image.required).toBe(false);
  });

  it("keeps only declared fields and treats null as absent", () => {
    expect(validateFrontmatter({ title: "T", order: 3, summary: null })).toEqual({
      ok: true,
      frontmatter: { title: "T", order: 3 },
    });
  });

  it("checks each field's type and rule", () => {
    expect(validateFrontmatter({ title: ["T"], order: 1 })).toEqual({
      ok: false,
      problems: ['frontmatter field "title" must be a string, not a list'],
    });
    expect(validateFrontmatter({ title: "T", order: 1, image: "UPPER" })).toMatchObject({
      ok: false,
      problems: [expect.stringMatching(/^frontmatter field "image" must be a lowercase/)],
    });
  });
});
