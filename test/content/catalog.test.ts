import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import { catalogErrors, chapters, lessons, neighbours } from "../../src/content/catalog.ts";
import { parseDockerfile } from "../../src/checks/dockerfile/parseDockerfile.ts";
import { isQuizStep } from "../../src/content/lesson.ts";
import { renderMarkdown } from "../../src/content/render.ts";

// The sandbox is offline: these are the images a lesson can build FROM (the
// image shelf, docs/image-shelf.md), plus scratch and a build's own stages.
const OFFLINE_IMAGES = new Set([
  "busybox",
  "debian:bookworm-slim",
  "nginx",
  "redis",
  "python:3-slim",
  "registry:2",
  "scratch",
]);

const purify = createDOMPurify(new JSDOM("").window);

describe("the lessons/ folder", () => {
  it("has no malformed content", () => {
    expect(catalogErrors).toEqual([]);
  });

  it("starts with the welcome lesson of the basics chapter", () => {
    expect(chapters[0]?.id).toBe("basics");
    expect(lessons[0]?.id).toBe("welcome");
    expect(neighbours("welcome").previous).toBeUndefined();
  });

  describe.each(lessons.map((lesson) => [lesson.id, lesson] as const))("%s", (_id, lesson) => {
    const markdown = lesson.sections.map((s) => s.markdown).join("");
    const rendered = renderMarkdown(markdown, purify);

    it("has sections and steps with checks and hints", () => {
      // A challenge may state its one goal without a heading (its step's title in `title:`).
      expect(rendered.headings.filter((h) => h.level === 2).length).toBeGreaterThanOrEqual(
        lesson.challenge ? 0 : 2,
      );
      for (const step of lesson.steps) {
        // A quiz's help is its feedback on each wrong answer (the schema requires it).
        if (isQuizStep(step)) continue;
        expect(step.checks.length, step.id).toBeGreaterThan(0);
        expect(
          step.hints.length + step.checks.filter((c) => c.hint).length,
          step.id,
        ).toBeGreaterThan(0);
      }
    });

    it("builds only from images available offline", () => {
      const dockerfiles = [
        ...Object.entries({ ...lesson.files, ...lesson.solutionFiles })
          .filter(([path]) => /(^|\/)Dockerfile[^/]*$/.test(path))
          .map(([, content]) => content),
        ...[...markdown.matchAll(/^```dockerfile\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? ""),
      ];
      for (const text of dockerfiles) {
        const froms = parseDockerfile(text).filter((i) => i.keyword === "FROM");
        const stages = new Set<string>();
        for (const from of froms) {
          const [image = "", as, stage] = from.args.split(/\s+/).filter((w) => !w.startsWith("--"));
          if (!stages.has(image) && !image.startsWith("$"))
            expect(OFFLINE_IMAGES, text).toContain(image);
          if (as?.toUpperCase() === "AS" && stage) stages.add(stage);
        }
      }
    });

    // Ctrl/Cmd+Enter builds `image`: the lesson builds it itself, or its setup does.
    it.runIf(lesson.image)("builds its image in a Run block or in its setup", () => {
      const builds = (text: string) =>
        /docker build\b/.test(text) && text.includes(`-t ${lesson.image}`);
      // A challenge has no Run blocks: the learner types the build, which its
      // solution (Show me) holds.
      const typed = lesson.challenge
        ? lesson.steps.map((step) => (isQuizStep(step) ? "" : (step.solution ?? "")))
        : [];
      expect(
        rendered.commands.some(builds) || builds(lesson.setup ?? "") || typed.some(builds),
        lesson.id,
      ).toBe(true);
    });
  });
});
