import type { z } from "zod";
import { URL_LESSON_ID_PREFIX } from "./lessonFromUrl.ts";
import { zodProblems } from "../checks/parseCheck.ts";
import { LessonFormatError, parseLesson, parseYaml, type Lesson } from "./lesson.ts";
import { chapterSchema, courseSchema, type ChapterInfo, type CourseInfo } from "./lessonSchema.ts";

/** The previous and next lesson in course order; undefined at either end. */
export interface Neighbours {
  previous: Lesson | undefined;
  next: Lesson | undefined;
}

/** A chapter and its lessons, in course order. */
export interface Chapter extends ChapterInfo {
  /** Its folder relative to the repository root, e.g. `lessons/02-running`. */
  dir: string;
  lessons: Lesson[];
}

/** The course: chapters of lessons, plus what was wrong with the content left out. */
export interface Catalog {
  course: CourseInfo;
  chapters: readonly Chapter[];
  /** Every valid lesson in course order (chapter folder, then lesson folder). */
  lessons: readonly Lesson[];
  /** One actionable message per problem (file: problem). Empty when all content is valid. */
  errors: readonly string[];
  lessonById(id: string): Lesson | undefined;
  neighbours(id: string): Neighbours;
}

const COURSE = "/lessons/course.yaml";
const CHAPTER_FILE = /^\/lessons\/([^/]+)\/chapter\.yaml$/;
const LESSON_FILE = /^\/lessons\/([^/]+)\/([^/]+)\/lesson\.md$/;
const LESSON_DATA = /^\/lessons\/([^/]+)\/([^/]+)\/(files|solution)\/(.+)$/;
const UNTITLED: CourseInfo = { title: "Docker sandbox", summary: "Lessons" };

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Build the course from file contents keyed by absolute project paths, as
 * `import.meta.glob` returns them (the CLI reads the same paths from disk):
 *
 *   /lessons/course.yaml
 *   /lessons/<chapter>/chapter.yaml
 *   /lessons/<chapter>/<lesson>/lesson.md, files/**, solution/**
 *
 * Folders sort by name (prefix them 01-, 02-, …). A malformed lesson is left
 * out and reported in `errors`; it never hides the others. Links between
 * lessons, prerequisites and ids are checked across the whole course.
 */
export function createCatalog(sources: Record<string, string>): Catalog {
  const errors: string[] = [];
  const course = parseCourse(sources, errors);

  const chapterInfo = new Map<string, ChapterInfo>();
  const lessonSources = new Map<string, { chapter: string; lesson: string; source: string }>();
  const data = new Map<
    string,
    { files: Record<string, string>; solution: Record<string, string> }
  >();
  for (const [path, text] of Object.entries(sources)) {
    if (path === COURSE) continue;
    let m: RegExpExecArray | null;
    if ((m = CHAPTER_FILE.exec(path))) {
      const info = parseYamlFile(path, text, chapterSchema, errors);
      if (info) chapterInfo.set(m[1] ?? "", info);
    } else if ((m = LESSON_FILE.exec(path))) {
      lessonSources.set(`${m[1]}/${m[2]}`, {
        chapter: m[1] ?? "",
        lesson: m[2] ?? "",
        source: text,
      });
    } else if ((m = LESSON_DATA.exec(path))) {
      const key = `${m[1]}/${m[2]}`;
      if (!data.has(key)) data.set(key, { files: {}, solution: {} });
      const entry = data.get(key) as {
        files: Record<string, string>;
        solution: Record<string, string>;
      };
      (m[3] === "files" ? entry.files : entry.solution)[m[4] ?? ""] = text;
    } else {
      errors.push(
        `${path.slice(1)}: not part of a lesson (expected lessons/<chapter>/chapter.yaml or ` +
          "lessons/<chapter>/<lesson>/lesson.md, files/…, solution/…)",
      );
    }
  }
  for (const key of data.keys()) {
    if (!lessonSources.has(key)) errors.push(`lessons/${key}/: has files but no lesson.md`);
  }

  const chapters = new Map<string, Chapter>();
  const missingChapters = new Set<string>();
  for (const key of [...lessonSources.keys()].sort(byName)) {
    const { chapter: chapterDir, source } = lessonSources.get(key) as {
      chapter: string;
      source: string;
    };
    const info = chapterInfo.get(chapterDir);
    if (!info) {
      // An invalid chapter.yaml is reported already; a missing one once per folder.
      if (
        !Object.hasOwn(sources, `/lessons/${chapterDir}/chapter.yaml`) &&
        !missingChapters.has(chapterDir)
      ) {
        missingChapters.add(chapterDir);
        errors.push(
          `lessons/${chapterDir}/: missing chapter.yaml (id, title, summary); its lessons are left out`,
        );
      }
      continue;
    }
    const dir = `lessons/${key}`;
    try {
      const lesson = parseLesson({
        dir,
        chapter: info.id,
        source,
        files: data.get(key)?.files ?? {},
        solutionFiles: data.get(key)?.solution ?? {},
      });
      if (!chapters.has(chapterDir)) {
        chapters.set(chapterDir, { ...info, dir: `lessons/${chapterDir}`, lessons: [] });
      }
      chapters.get(chapterDir)?.lessons.push(lesson);
    } catch (error) {
      // Anything else is a bug in the parser; still report it against the file.
      errors.push(
        error instanceof LessonFormatError ? error.message : `${dir}/lesson.md: ${String(error)}`,
      );
    }
  }
  const orderedChapters = [...chapters.entries()]
    .sort(([a], [b]) => byName(a, b))
    .map(([, c]) => c);
  crossCheck(orderedChapters, errors);

  const lessons = orderedChapters.flatMap((chapter) => chapter.lessons);
  const byId = new Map(lessons.map((lesson, index) => [lesson.id, index]));
  return {
    course,
    chapters: orderedChapters,
    lessons,
    errors,
    lessonById: (id) => lessons[byId.get(id) ?? -1],
    neighbours(id) {
      const index = byId.get(id);
      if (index === undefined) return { previous: undefined, next: undefined };
      return { previous: lessons[index - 1], next: lessons[index + 1] };
    },
  };
}

/** Ids are unique; prerequisites and links name lessons that exist. */
function crossCheck(chapters: Chapter[], errors: string[]): void {
  const chapterIds = new Map<string, string>();
  for (const chapter of chapters) {
    const other = chapterIds.get(chapter.id);
    if (other)
      errors.push(`${chapter.dir}/chapter.yaml: id "${chapter.id}" is also used by ${other}`);
    else chapterIds.set(chapter.id, chapter.dir);
  }
  const lessonDirs = new Map<string, string>();
  for (const lesson of chapters.flatMap((c) => c.lessons)) {
    const other = lessonDirs.get(lesson.id);
    // Lessons from URLs get ids in this namespace (lessonFromUrl.ts), so they
    // can never take over a course lesson's saved files or progress.
    if (lesson.id.startsWith(URL_LESSON_ID_PREFIX)) {
      errors.push(
        `${lesson.dir}/lesson.md: ids starting with "${URL_LESSON_ID_PREFIX}" are reserved for lessons loaded from a URL; rename it`,
      );
    }
    if (other) errors.push(`${lesson.dir}/lesson.md: id "${lesson.id}" is also used by ${other}`);
    else lessonDirs.set(lesson.id, lesson.dir);
  }
  for (const lesson of chapters.flatMap((c) => c.lessons)) {
    for (const id of lesson.prerequisites) {
      if (!lessonDirs.has(id)) {
        errors.push(
          `${lesson.dir}/lesson.md: frontmatter.prerequisites names "${id}", which is no lesson's id`,
        );
      }
    }
    for (const id of lesson.links) {
      if (!lessonDirs.has(id)) {
        errors.push(`${lesson.dir}/lesson.md: the link to lesson:${id} names no lesson's id`);
      }
    }
  }
}

function parseCourse(sources: Record<string, string>, errors: string[]): CourseInfo {
  const text = sources[COURSE];
  if (text === undefined) {
    if (Object.keys(sources).length > 0)
      errors.push("lessons/course.yaml: missing (title, summary)");
    return UNTITLED;
  }
  return parseYamlFile(COURSE, text, courseSchema, errors) ?? UNTITLED;
}

function parseYamlFile<S extends z.ZodType>(
  path: string,
  text: string,
  schema: S,
  errors: string[],
): z.output<S> | null {
  const file = path.slice(1);
  try {
    const data = parseYaml(file, text, 1);
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    errors.push(
      ...zodProblems(result.error.issues, "", data).map((problem) => `${file}: ${problem}`),
    );
  } catch (error) {
    errors.push(error instanceof LessonFormatError ? error.message : `${file}: ${String(error)}`);
  }
  return null;
}
