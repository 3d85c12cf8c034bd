import { LessonFormatError, parseLesson, type Lesson } from "./lesson.ts";

/** The previous and next lesson in course order; undefined at either end. */
export interface Neighbours {
  previous: Lesson | undefined;
  next: Lesson | undefined;
}

/** All lessons of the course, sorted, plus what was wrong with the ones left out. */
export interface Catalog {
  /** Valid lessons sorted by `order`, then id. */
  lessons: readonly Lesson[];
  /** One actionable message per problem (file: problem). Empty when every lesson is valid. */
  errors: readonly string[];
  lessonById(id: string): Lesson | undefined;
  neighbours(id: string): Neighbours;
}

const LESSON_FILE = /^\/lessons\/([^/]+)\/lesson\.md$/;
const START_FILE = /^\/lessons\/([^/]+)\/start\/(.+)$/;

/**
 * Build the catalog from file contents keyed by absolute project paths, as
 * `import.meta.glob` returns them: `/lessons/<id>/lesson.md` and
 * `/lessons/<id>/start/<path>`. A malformed lesson is left out and reported
 * in `errors`; it never hides the others.
 */
export function createCatalog(
  lessonSources: Record<string, string>,
  startFileSources: Record<string, string>,
): Catalog {
  const errors: string[] = [];
  const startFiles = new Map<string, Record<string, string>>();
  for (const [path, content] of Object.entries(startFileSources)) {
    const [, id = "", file = ""] = START_FILE.exec(path) ?? [];
    if (!id) {
      errors.push(`${path.slice(1)}: not a lesson start file (expected lessons/<id>/start/...)`);
      continue;
    }
    if (!startFiles.has(id)) startFiles.set(id, {});
    (startFiles.get(id) as Record<string, string>)[file] = content;
  }

  const lessons: Lesson[] = [];
  for (const [path, source] of Object.entries(lessonSources)) {
    const [, id = ""] = LESSON_FILE.exec(path) ?? [];
    try {
      lessons.push(parseLesson(id, source, startFiles.get(id) ?? {}));
    } catch (error) {
      // Anything else is a bug in the parser; still report it against the file.
      errors.push(
        error instanceof LessonFormatError ? error.message : `${path.slice(1)}: ${String(error)}`,
      );
    }
  }
  for (const id of startFiles.keys()) {
    if (!Object.hasOwn(lessonSources, `/lessons/${id}/lesson.md`)) {
      errors.push(`lessons/${id}/: has start files but no lesson.md`);
    }
  }

  lessons.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < lessons.length; i++) {
    const [a, b] = [lessons[i - 1] as Lesson, lessons[i] as Lesson];
    if (a.order === b.order) {
      errors.push(
        `lessons/${b.id}/lesson.md: order ${b.order} is also used by lessons/${a.id}; ` +
          "give each lesson its own order",
      );
    }
  }

  const byId = new Map(lessons.map((lesson, index) => [lesson.id, index]));
  return {
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
