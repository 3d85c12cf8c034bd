import { parseLesson, type Lesson } from "./lesson.ts";

/**
 * Load one lesson from a URL (`?lessonUrl=` — an author previewing a lesson
 * being written, or a page embedding its own lesson). Only lesson.md is
 * fetched: such a lesson has no files/ or solution/, so its steps are solved
 * by commands. The content is as untrusted as any lesson: it is rendered
 * through the same sanitizer.
 */
export async function lessonFromUrl(url: URL): Promise<Lesson> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (err) {
    throw new Error(`Cannot load the lesson at ${url.href}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (!response.ok) {
    throw new Error(`Cannot load the lesson at ${url.href}: HTTP ${response.status}`);
  }
  const dir = url.pathname.replace(/\/(lesson\.md)?$/, "").replace(/\.md$/, "") || "preview";
  return parseLesson({ dir, chapter: "preview", source: await response.text() });
}
