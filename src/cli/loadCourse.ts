/**
 * Read a course folder from disk into the same path → text map Vite's glob
 * gives the app, so the CLI and tests validate exactly what the app would
 * show. The built-in course is the folder `lessons/` of this repository; an
 * instructor's course is any folder in the same layout (docs/courses.md).
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { relabelCourseError } from "../content/courseCatalog.ts";
import { createCatalog, type Catalog } from "../content/createCatalog.ts";

const IGNORED = new Set([".DS_Store", ".git", "node_modules"]);
/**
 * At a course folder's top, not content: the author's notes, `pack`'s default
 * output, and the offline manifest the self-test records (data about the
 * course's disk reads, docs/offline.md).
 */
const NOT_CONTENT = new Set(["README.md", "dist", ".gitignore", "offline.json"]);

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (IGNORED.has(entry.name) || entry.name.endsWith(".swp")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/**
 * Every content file of the course folder `dir`, keyed by its path relative
 * to it (`course.yaml`, `01-basics/chapter.yaml`, …): what `pack` puts in
 * course.json.
 */
export async function readCourseFiles(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const path of (await walk(dir)).sort()) {
    const key = relative(dir, path).split(sep).join("/");
    if (NOT_CONTENT.has(key.split("/")[0] ?? "")) continue;
    files[key] = await readFile(path, "utf8");
  }
  return files;
}

/** Every content file under `<root>/lessons`, keyed `/lessons/…` like `import.meta.glob`. */
export async function readCourseSources(root: string): Promise<Record<string, string>> {
  const files = await readCourseFiles(join(root, "lessons"));
  return Object.fromEntries(Object.entries(files).map(([key, text]) => [`/lessons/${key}`, text]));
}

/**
 * The course in folder `dir`. Problems name files as `label/…` (default
 * `lessons`, as for the built-in course): say the folder as the author typed it.
 */
export async function loadCourseDir(dir: string, label = "lessons"): Promise<Catalog> {
  const files = await readCourseFiles(dir);
  const catalog = createCatalog(
    Object.fromEntries(Object.entries(files).map(([key, text]) => [`/lessons/${key}`, text])),
  );
  if (label === "lessons") return catalog;
  // The catalog is this call's own: its folders are renamed in place so that
  // problems and lesson folders keep matching (lessonsTest filters by folder).
  const rename = (path: string) => relabelCourseError(path, label).replace(/\/$/, "");
  for (const chapter of catalog.chapters) {
    chapter.dir = rename(chapter.dir);
    for (const lesson of chapter.lessons) lesson.dir = rename(lesson.dir);
  }
  return { ...catalog, errors: catalog.errors.map((e) => relabelCourseError(e, label)) };
}

/** The built-in course of the repository at `root` (its `lessons/` folder). */
export async function loadCourse(root: string): Promise<Catalog> {
  return loadCourseDir(join(root, "lessons"));
}
