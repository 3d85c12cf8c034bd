/**
 * An instructor's course (`?course=`) as the app's lessons: the same catalog
 * the built-in course gets (createCatalog.ts), with every lesson moved into a
 * namespace of the course and marked as coming from it, so that it is
 * untrusted like a lesson from a link (docs/courses.md, docs/security.md).
 */
import { createCatalog, type Chapter } from "./createCatalog.ts";
import type { Lesson } from "./lesson.ts";
import { lessonCommands } from "./lessonCommands.ts";
import type { CourseInfo } from "./lessonSchema.ts";

/** The id namespace of courses' lessons: `course-<12 hex of SHA-256(course URL)>-<id>`. */
export const COURSE_LESSON_ID_PREFIX = "course-";

/** Files at a course folder's top that are the author's, not the course's. */
const NOT_CONTENT = new Set(["README.md"]);

/** A course from elsewhere, ready for the app: lessons in its namespace, problems by file. */
export interface LoadedCourse {
  info: CourseInfo;
  /** Where course.json was loaded from. */
  url: string;
  /** Its origin: what the banner and the consent dialog name. */
  origin: string;
  chapters: Chapter[];
  lessons: Lesson[];
  /** One message per problem, naming the file by its URL, as createCatalog words them. */
  errors: string[];
}

/**
 * Build the course in `files` (paths relative to the course folder) that was
 * loaded from `url`. Every lesson id, prerequisite and link gets the
 * course's prefix (derived from the URL, so a course can never take over the
 * built-in course's lessons, saved files or progress, nor another course's),
 * and `from` names the course's origin: its lessons run nothing until the
 * learner agrees.
 */
export async function courseCatalog(
  files: Record<string, string>,
  url: URL,
): Promise<LoadedCourse> {
  const sources: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    if (!NOT_CONTENT.has(path)) sources[`/lessons/${path}`] = text;
  }
  const catalog = createCatalog(sources);
  const prefix = await courseIdPrefix(url);
  const folder = new URL(".", url).href;
  const renamed = new Map<Lesson, Lesson>();
  for (const lesson of catalog.lessons) {
    renamed.set(lesson, {
      ...lesson,
      id: prefix + lesson.id,
      dir: lesson.dir.replace(/^lessons\//, ""),
      prerequisites: lesson.prerequisites.map((id) => prefix + id),
      links: lesson.links.map((id) => prefix + id),
      from: {
        url: url.href,
        origin: url.origin,
        id: lesson.id,
        commandsDigest: await sha256Hex(JSON.stringify(lessonCommands(lesson))),
      },
    });
  }
  const chapters = catalog.chapters.map((chapter) => ({
    ...chapter,
    dir: chapter.dir.replace(/^lessons\//, ""),
    lessons: chapter.lessons.map((lesson) => renamed.get(lesson) as Lesson),
  }));
  return {
    info: catalog.course,
    url: url.href,
    origin: url.origin,
    chapters,
    lessons: chapters.flatMap((chapter) => chapter.lessons),
    errors: catalog.errors.map((error) => relabelCourseError(error, folder)),
  };
}

/**
 * createCatalog names files from the repository root (`lessons/01-a/…`);
 * a course's files are named from `base` instead: a URL in the app, the
 * author's folder in the CLI. Every line of a message starts with its file.
 */
export function relabelCourseError(error: string, base: string): string {
  const folder = base.endsWith("/") ? base : `${base}/`;
  return error.replace(/^lessons\//gm, folder);
}

/** `course-<12 hex>-`: stable per course URL (saved files and progress come back). */
export async function courseIdPrefix(url: URL): Promise<string> {
  return `${COURSE_LESSON_ID_PREFIX}${(await sha256Hex(url.href)).slice(0, 12)}-`;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
