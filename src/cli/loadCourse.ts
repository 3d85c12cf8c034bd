/**
 * Read `lessons/` from disk into the same path → text map Vite's glob gives
 * the app, so the CLI and tests validate exactly what the app would show.
 */
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { createCatalog, type Catalog } from "../content/createCatalog.ts";

const IGNORED = new Set([".DS_Store"]);

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

/** Every content file under `<root>/lessons`, keyed `/lessons/…` like `import.meta.glob`. */
export async function readCourseSources(root: string): Promise<Record<string, string>> {
  const sources: Record<string, string> = {};
  for (const path of await walk(join(root, "lessons"))) {
    const key = "/" + relative(root, path).split(sep).join("/");
    if (key === "/lessons/README.md") continue;
    sources[key] = await readFile(path, "utf8");
  }
  return sources;
}

export async function loadCourse(root: string): Promise<Catalog> {
  return createCatalog(await readCourseSources(root));
}
