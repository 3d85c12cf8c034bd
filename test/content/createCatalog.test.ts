import { describe, expect, it } from "vitest";
import { createCatalog } from "../../src/content/createCatalog.ts";

const lesson = (title: string, order: number) =>
  `---\ntitle: ${title}\norder: ${order}\n---\n\n## ${title}\n`;

describe("createCatalog", () => {
  const catalog = createCatalog(
    {
      "/lessons/volumes/lesson.md": lesson("Volumes", 3),
      "/lessons/welcome/lesson.md": lesson("Welcome", 1),
      "/lessons/images/lesson.md": lesson("Images", 2),
    },
    {
      "/lessons/welcome/start/Dockerfile": "FROM busybox\n",
      "/lessons/welcome/start/.dockerignore": "*.log\n",
      "/lessons/images/start/app/main.py": "print('hi')\n",
    },
  );

  it("sorts lessons by order and attaches each lesson's start files", () => {
    expect(catalog.errors).toEqual([]);
    expect(catalog.lessons.map((l) => l.id)).toEqual(["welcome", "images", "volumes"]);
    expect(catalog.lessonById("welcome")?.startFiles).toEqual({
      Dockerfile: "FROM busybox\n",
      ".dockerignore": "*.log\n",
    });
    expect(catalog.lessonById("images")?.startFiles).toEqual({ "app/main.py": "print('hi')\n" });
    expect(catalog.lessonById("volumes")?.startFiles).toEqual({});
    expect(catalog.lessonById("nope")).toBeUndefined();
  });

  it("finds the previous and next lesson, with undefined at the ends", () => {
    const ids = (id: string) => {
      const { previous, next } = catalog.neighbours(id);
      return [previous?.id, next?.id];
    };
    expect(ids("welcome")).toEqual([undefined, "images"]);
    expect(ids("images")).toEqual(["welcome", "volumes"]);
    expect(ids("volumes")).toEqual(["images", undefined]);
    expect(ids("unknown")).toEqual([undefined, undefined]);
  });

  it("leaves malformed lessons out, reports them, and keeps the good ones", () => {
    const broken = createCatalog(
      {
        "/lessons/good/lesson.md": lesson("Good", 1),
        "/lessons/typo/lesson.md": "---\ntitle: Typo\norder: 2\ntitel: x\n---\nBody\n",
        "/lessons/Bad_Id/lesson.md": lesson("Bad", 3),
      },
      { "/lessons/orphan/start/Dockerfile": "FROM busybox\n" },
    );
    expect(broken.lessons.map((l) => l.id)).toEqual(["good"]);
    expect(broken.errors).toEqual([
      'lessons/typo/lesson.md: unknown frontmatter field "titel" (known fields: title, order, summary, image)',
      expect.stringMatching(/^lessons\/Bad_Id\/: invalid lesson id "Bad_Id"/),
      "lessons/orphan/: has start files but no lesson.md",
    ]);
  });

  it("reports lessons that share an order but still lists both, by id", () => {
    const tied = createCatalog(
      { "/lessons/b/lesson.md": lesson("B", 1), "/lessons/a/lesson.md": lesson("A", 1) },
      {},
    );
    expect(tied.lessons.map((l) => l.id)).toEqual(["a", "b"]);
    expect(tied.errors).toEqual([
      "lessons/b/lesson.md: order 1 is also used by lessons/a; give each lesson its own order",
    ]);
  });
});
