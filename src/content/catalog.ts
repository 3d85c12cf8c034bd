/**
 * The course: every lesson under `lessons/`, bundled at build time by Vite.
 * A malformed lesson is left out and reported in {@link catalogErrors}; a unit
 * test keeps that list empty for the real lessons.
 */
import { createCatalog, type Neighbours } from "./createCatalog.ts";
import type { Lesson } from "./lesson.ts";

const lessonSources = import.meta.glob<string>("/lessons/*/lesson.md", {
  eager: true,
  query: "?raw",
  import: "default",
});

// Vite's glob skips dotfiles unless `exhaustive` is set; start files such as
// `.dockerignore` matter to `docker build`. Editor and OS litter is left out.
const startFileSources = import.meta.glob<string>(
  ["/lessons/*/start/**", "!/lessons/*/start/**/.DS_Store", "!/lessons/*/start/**/*.swp"],
  { eager: true, query: "?raw", import: "default", exhaustive: true },
);

const catalog = createCatalog(lessonSources, startFileSources);

/** Valid lessons in course order. */
export const lessons: readonly Lesson[] = catalog.lessons;

/**
 * Problems with lessons that were left out (or share an order), one message
 * each. Empty in a healthy build; the app shows them rather than crashing.
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
