import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkCourse } from "../../src/cli/courseCheck.ts";
import { newCourse, SCAFFOLD } from "../../src/cli/courseNew.ts";
import { courseLink, packCourse } from "../../src/cli/coursePack.ts";
import { loadCourse, readCourseFiles } from "../../src/cli/loadCourse.ts";
import { courseFromUrl } from "../../src/content/courseFromUrl.ts";

let dir: string;
const quiet = {
  lines: [] as string[],
  log(l: string) {
    this.lines.push(l);
  },
  error(l: string) {
    this.lines.push(l);
  },
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "course-"));
  quiet.lines = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("npm run course: new, check, pack", () => {
  it("scaffolds a course that checks clean and packs into a course.json the app opens", async () => {
    const course = join(dir, "workshop");
    expect(await newCourse(course)).toEqual(Object.keys(SCAFFOLD));

    const checked = await checkCourse(course, "workshop", quiet);
    expect(checked.errors).toEqual([]);
    expect(checked).toMatchObject({ chapters: 1, lessons: 1, steps: 2 });
    expect(checked.runSolvable).toMatchObject({ lessons: 1, challenges: 0, steps: 2 });
    expect(quiet.lines.at(-1)).toMatch(
      /^1 chapters, 1 lessons \(0 challenges\), 2 steps \(\d+% solvable by pressing Run buttons\), \d+ checks: all valid$/,
    );
    // --stats: each chapter's figure, before that line.
    quiet.lines = [];
    await checkCourse(course, "workshop", quiet, { stats: true });
    expect(quiet.lines).toEqual([
      expect.stringMatching(
        /^ {2}[a-z-]+ {2}1 lessons \(0 challenges\), 2 steps, \d Run-solvable \(\d+%\)$/,
      ),
      expect.stringMatching(/^1 chapters, .*: all valid$/),
    ]);

    const packed = await packCourse(course, {
      app: "https://sandbox.example/",
      url: "https://me.example/w/course.json",
    });
    expect(packed.out).toBe(join(course, "dist"));
    expect(packed.link).toBe(
      "https://sandbox.example/?course=https%3A%2F%2Fme.example%2Fw%2Fcourse.json",
    );
    const json = await readFile(join(packed.out, "course.json"), "utf8");
    // The instructor's README and the output folder are not course content.
    expect(Object.keys(JSON.parse(json).files)).not.toContain("README.md");
    const index = await readFile(join(packed.out, "index.html"), "utf8");
    expect(index).toContain("My Docker workshop");
    expect(index).toContain('"https://sandbox.example/"');

    // What the app makes of the uploaded file: the scaffold's lesson, untrusted.
    const served: typeof fetch = async () => new Response(json);
    const loaded = await courseFromUrl(new URL("https://me.example/w/"), { fetch: served });
    expect(loaded.errors).toEqual([]);
    expect(loaded.lessons.map((l) => l.from?.id)).toEqual(["hello-image"]);
    expect(loaded.lessons[0]?.files).toEqual({ Dockerfile: "FROM busybox\n" });
    // Packing again after `dist/` exists gives the same file (dist/ is not read back).
    await packCourse(course, {});
    expect(await readFile(join(packed.out, "course.json"), "utf8")).toBe(json);
  });

  it("never scaffolds over an author's files", async () => {
    await writeFile(join(dir, "notes.md"), "mine");
    await expect(newCourse(dir)).rejects.toThrow(/is not empty/);
    expect(await readFile(join(dir, "notes.md"), "utf8")).toBe("mine");
  });

  it("checks with the lessons' rules and names the author's files", async () => {
    const course = join(dir, "w");
    await newCourse(course);
    const lesson = join(course, "01-first-steps/01-hello/lesson.md");
    const text = await readFile(lesson, "utf8");
    await writeFile(lesson, text.replace("minutes: 10", "minutes: ten"));
    const checked = await checkCourse(course, "my-course", quiet);
    expect(checked.errors).toEqual([
      expect.stringMatching(
        /^my-course\/01-first-steps\/01-hello\/lesson\.md: frontmatter\.minutes/,
      ),
    ]);
    expect(quiet.lines.at(-1)).toMatch(/1 problem\(s\) above/);
    await expect(packCourse(course, { label: "my-course" })).rejects.toThrow(
      /my-course\/01-first-steps\/01-hello\/lesson\.md: .*\nnot packed/s,
    );
  });

  it("counts quiz steps among the steps, and no checks for them", async () => {
    const course = join(dir, "q");
    await newCourse(course);
    const lesson = join(course, "01-first-steps/01-hello/lesson.md");
    const quiz = [
      "\n## One question\n",
      "```step",
      "id: question",
      "quiz:",
      "  question: What does `docker build -t hello .` name the image?",
      "  answers: [hello, hello:latest]",
      "  feedback: The name comes after -t.",
      "```\n",
    ].join("\n");
    const { checks } = await checkCourse(course, "q", quiet);
    await writeFile(lesson, (await readFile(lesson, "utf8")) + quiz);
    const checked = await checkCourse(course, "q", quiet);
    expect(checked.errors).toEqual([]);
    expect(checked).toMatchObject({ steps: 3, quizzes: 1, checks });
    expect(quiet.lines.at(-1)).toMatch(
      new RegExp(
        `^1 chapters, 1 lessons \\(0 challenges\\), 3 steps \\(1 quiz, \\d+% solvable by pressing Run buttons\\), ${checks} checks: all valid$`,
      ),
    );
  });

  it("calls an empty folder no course, and packs nothing from it", async () => {
    const checked = await checkCourse(dir, "empty", quiet);
    expect(checked.errors).toEqual([expect.stringMatching(/^empty\/: no lessons/)]);
    await expect(packCourse(dir, { label: "empty" })).rejects.toThrow(/no lessons/);
  });

  it("reads the built-in course as before: lessons/ from the repository", async () => {
    const catalog = await loadCourse(join(import.meta.dirname, "../.."));
    expect(catalog.errors).toEqual([]);
    expect(catalog.lessons[0]?.dir).toMatch(/^lessons\//);
    const files = await readCourseFiles(join(import.meta.dirname, "../../lessons"));
    expect(Object.keys(files)).toContain("course.yaml");
    expect(Object.keys(files)).not.toContain("README.md");
  });

  it("makes links that carry the course URL as one parameter", () => {
    expect(courseLink("http://localhost:5173/?lesson=x", "https://a.example/c/?a=1&b=2")).toBe(
      "http://localhost:5173/?lesson=x&course=https%3A%2F%2Fa.example%2Fc%2F%3Fa%3D1%26b%3D2",
    );
  });
});
