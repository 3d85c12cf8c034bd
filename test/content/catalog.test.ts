import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { catalogErrors, lessonById, lessons, neighbours } from "../../src/content/catalog.ts";
import { renderMarkdown } from "../../src/content/render.ts";

// The sandbox has no registry: these are the only images a lesson can start from.
const OFFLINE_IMAGES = ["busybox", "debian:bookworm-slim"];

const purify = createDOMPurify(new JSDOM("").window);

describe("the lessons/ folder", () => {
  it("has no malformed lessons", () => {
    expect(catalogErrors).toEqual([]);
  });

  it("starts with the welcome lesson, then images and layers", () => {
    expect(lessons.map((l) => l.id).slice(0, 2)).toEqual(["welcome", "images-and-layers"]);
    expect(neighbours("welcome")).toEqual({ previous: undefined, next: lessons[1] });
    expect(neighbours("images-and-layers").previous).toBe(lessonById("welcome"));
  });

  it("bundles start files, dotfiles included", () => {
    expect(Object.keys(lessonById("welcome")?.startFiles ?? {})).toEqual(["Dockerfile"]);
    expect(Object.keys(lessonById("images-and-layers")?.startFiles ?? {}).sort()).toEqual([
      ".dockerignore",
      "Dockerfile",
      "greeting.txt",
    ]);
  });

  describe.each(lessons.map((lesson) => [lesson.id, lesson] as const))("%s", (_id, lesson) => {
    const rendered = renderMarkdown(lesson.markdown, purify);

    it("has h2 sections for the table of contents", () => {
      expect(rendered.headings.filter((h) => h.level === 2).length).toBeGreaterThan(1);
    });

    it("builds only from images available offline", () => {
      const dockerfiles = [
        ...Object.entries(lesson.startFiles)
          .filter(([path]) => /(^|\/)Dockerfile[^/]*$/.test(path))
          .map(([, content]) => content),
        ...[...lesson.markdown.matchAll(/^```dockerfile\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? ""),
      ];
      const bases = dockerfiles.flatMap((d) =>
        [...d.matchAll(/^FROM\s+(\S+)/gim)].map((m) => m[1]),
      );
      expect(bases.length).toBeGreaterThan(0);
      for (const base of bases) expect(OFFLINE_IMAGES).toContain(base);
    });

    it.runIf(lesson.image)("has a click-to-run build of its image", () => {
      expect(rendered.commands).toContain(`docker build -t ${lesson.image} .`);
    });
  });
});
