import { describe, expect, it } from "vitest";
import { createCatalog } from "../../src/content/createCatalog.ts";

const lesson = (id: string, extra = "", body = "") =>
  `---\nid: ${id}\ntitle: ${id} title\nsummary: About ${id}.\nminutes: 5\n${extra}---\n\n## Do it\n${body}\n` +
  "```step\nid: do\nchecks:\n  - kind: image\n    ref: x\nsolution: docker build -t x .\n```\n";

const chapter = (id: string) => `id: ${id}\ntitle: ${id} chapter\nsummary: All about ${id}.\n`;
const COURSE = { "/lessons/course.yaml": "title: Docker\nsummary: Learn it.\n" };

describe("createCatalog", () => {
  const catalog = createCatalog({
    ...COURSE,
    "/lessons/02-storage/chapter.yaml": chapter("storage"),
    "/lessons/02-storage/01-volumes/lesson.md": lesson("volumes", "prerequisites: [welcome]\n"),
    "/lessons/01-basics/chapter.yaml": chapter("basics"),
    "/lessons/01-basics/02-images/lesson.md": lesson(
      "images",
      "",
      "See [volumes](lesson:volumes).",
    ),
    "/lessons/01-basics/01-welcome/lesson.md": lesson("welcome"),
    "/lessons/01-basics/01-welcome/files/Dockerfile": "FROM busybox\n",
    "/lessons/01-basics/01-welcome/files/.dockerignore": "*.log\n",
    "/lessons/01-basics/01-welcome/solution/Dockerfile": "FROM busybox\nCMD echo\n",
  });

  it("orders chapters and lessons by folder name and attaches their files", () => {
    expect(catalog.errors).toEqual([]);
    expect(catalog.course).toEqual({ title: "Docker", summary: "Learn it." });
    expect(catalog.chapters.map((c) => [c.id, c.dir, c.lessons.map((l) => l.id)])).toEqual([
      ["basics", "lessons/01-basics", ["welcome", "images"]],
      ["storage", "lessons/02-storage", ["volumes"]],
    ]);
    expect(catalog.lessons.map((l) => l.id)).toEqual(["welcome", "images", "volumes"]);
    const welcome = catalog.lessonById("welcome");
    expect(welcome?.files).toEqual({ Dockerfile: "FROM busybox\n", ".dockerignore": "*.log\n" });
    expect(welcome?.solutionFiles).toEqual({ Dockerfile: "FROM busybox\nCMD echo\n" });
    expect(welcome?.chapter).toBe("basics");
    expect(catalog.lessonById("nope")).toBeUndefined();
  });

  it("finds the previous and next lesson across chapters", () => {
    const ids = (id: string) => {
      const { previous, next } = catalog.neighbours(id);
      return [previous?.id, next?.id];
    };
    expect(ids("welcome")).toEqual([undefined, "images"]);
    expect(ids("images")).toEqual(["welcome", "volumes"]);
    expect(ids("volumes")).toEqual(["images", undefined]);
    expect(ids("unknown")).toEqual([undefined, undefined]);
  });

  it("leaves broken content out, says why with file and field, and keeps the rest", () => {
    const broken = createCatalog({
      ...COURSE,
      "/lessons/01-a/chapter.yaml": chapter("a"),
      "/lessons/01-a/01-good/lesson.md": lesson("good", "", "[x](lesson:missing)"),
      "/lessons/01-a/02-typo/lesson.md": lesson("typo").replace(
        "minutes: 5",
        "minutes: 5\ntitel: x",
      ),
      "/lessons/01-a/03-twin/lesson.md": lesson("good", "prerequisites: [nobody]\n"),
      "/lessons/02-b/01-lost/lesson.md": lesson("lost"),
      "/lessons/03-c/chapter.yaml": "id: C\ntitle: c\n",
      "/lessons/01-a/04-orphan/files/Dockerfile": "FROM busybox\n",
      "/lessons/stray.txt": "hello",
    });
    expect(broken.lessons.map((l) => l.dir)).toEqual([
      "lessons/01-a/01-good",
      "lessons/01-a/03-twin",
    ]);
    expect(broken.errors).toEqual([
      'lessons/03-c/chapter.yaml: id: use lowercase letters, digits and single "-", e.g. "run-a-container"',
      "lessons/03-c/chapter.yaml: summary: missing (expected string)",
      "lessons/stray.txt: not part of a lesson (expected lessons/<chapter>/chapter.yaml or lessons/<chapter>/<lesson>/lesson.md, files/…, solution/…)",
      "lessons/01-a/04-orphan/: has files but no lesson.md",
      "lessons/01-a/02-typo/lesson.md: frontmatter.titel: unknown field",
      "lessons/02-b/: missing chapter.yaml (id, title, summary); its lessons are left out",
      'lessons/01-a/03-twin/lesson.md: id "good" is also used by lessons/01-a/01-good',
      "lessons/01-a/01-good/lesson.md: the link to lesson:missing names no lesson's id",
      'lessons/01-a/03-twin/lesson.md: frontmatter.prerequisites names "nobody", which is no lesson\'s id',
    ]);
  });

  it("asks for course.yaml", () => {
    expect(createCatalog({ "/lessons/01-a/chapter.yaml": chapter("a") }).errors).toEqual([
      "lessons/course.yaml: missing (title, summary)",
    ]);
  });
});
