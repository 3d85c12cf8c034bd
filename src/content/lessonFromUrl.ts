import { parseLesson, type Lesson } from "./lesson.ts";

/**
 * Load one lesson from a URL (`?lessonUrl=` — an author previewing a lesson
 * being written, or a page embedding its own lesson). The id is the folder
 * name for `…/<id>/lesson.md`, else the file name without `.md`. The content
 * is as untrusted as any lesson: it is rendered through the same sanitizer.
 */
export async function lessonFromUrl(url: URL): Promise<Lesson> {
  const parts = url.pathname.split("/").filter(Boolean);
  const file = parts.at(-1) ?? "";
  const id = (file === "lesson.md" ? (parts.at(-2) ?? "preview") : file.replace(/\.md$/, ""))
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, "-")
    .replace(/^-+/, "");
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
  return parseLesson(id || "preview", await response.text(), {});
}
