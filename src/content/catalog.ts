/**
 * The course: everything under `lessons/`, bundled at build time by Vite.
 * Malformed content is left out and reported in {@link catalogErrors}; a unit
 * test keeps that list empty for the real lessons.
 */
import { createCatalog, type Chapter, type Neighbours } from "./createCatalog.ts";
import type { Lesson } from "./lesson.ts";
import type { CourseInfo } from "./lessonSchema.ts";

// Vite's glob skips dotfiles unless `exhaustive` is set; lesson files such as
// `.dockerignore` matter to `docker build`. Editor and OS litter is left out.
const sources = import.meta.glob<string>(
  [
    "/lessons/course.yaml",
    "/lessons/*/chapter.yaml",
    "/lessons/*/*/lesson.md",
    "/lessons/*/*/files/**",
    "/lessons/*/*/solution/**",
    "!/lessons/**/.DS_Store",
    "!/lessons/**/*.swp",
  ],
  { eager: true, query: "?raw", import: "default", exhaustive: true },
);

const catalog = createCatalog(sources);

export const course: CourseInfo = catalog.course;
export const chapters: readonly Chapter[] = catalog.chapters;
/** Valid lessons in course order. */
export const lessons: readonly Lesson[] = catalog.lessons;

/**
 * Problems with content that was left out, one message each. Empty in a
 * healthy build; the app shows them rather than crashing.
 */
export const catalogErrors: readonly string[] = catalog.errors;

/** The lesson with this id, or undefined. */
export function lessonById(id: string): Lesson | undefined {
  return catalog.lessonById(id);
}

/** The lessons before and after `id` in course order (undefined at the ends or for an unknown id). */
export function neighbours(id: string): Neighbours {
  return catalog.neighbours(id);
}
