/**
 * `npm run course -- pack <dir>`: the course as one static folder an
 * instructor uploads anywhere: course.json (what `?course=` reads) and an
 * index.html with the link that opens it.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { MAX_COURSE_BYTES, packCourseJson } from "../content/courseJson.ts";
import { loadCourseDir, readCourseFiles } from "./loadCourse.ts";

/** The app used in links when `--app` is not given: `npm start`'s dev server. */
export const DEFAULT_APP_URL = "http://localhost:5173/";

export interface PackOptions {
  /** Output folder; default `<dir>/dist`. */
  out?: string;
  /** The app that opens the course; default {@link DEFAULT_APP_URL}. */
  app?: string;
  /** Where course.json (or its folder) will be served, if known: the link is printed in full. */
  url?: string;
  /** How problems name the folder (default: `dir`). */
  label?: string;
}

/** What `pack` wrote. */
export interface PackResult {
  out: string;
  bytes: number;
  digest: string;
  /** The link to hand out when `url` was given; else the link with a placeholder and a note. */
  link: string;
}

/**
 * The link that opens a course served at `courseUrl` (course.json or its
 * folder) in the app at `app`.
 */
export function courseLink(app: string, courseUrl: string): string {
  const link = new URL(app);
  link.searchParams.set("course", courseUrl);
  return link.href;
}

/**
 * Validate the course in `dir` and write course.json and index.html to the
 * output folder. A course with problems is not packed: the problems are
 * thrown, one per line, as `check` prints them.
 */
export async function packCourse(dir: string, options: PackOptions = {}): Promise<PackResult> {
  const label = options.label ?? dir;
  const catalog = await loadCourseDir(dir, label);
  const errors = catalog.lessons.length
    ? catalog.errors
    : [...catalog.errors, `${label}/: no lessons (expected <chapter>/<lesson>/lesson.md)`];
  if (errors.length) {
    throw new Error(`${errors.join("\n")}\nnot packed: fix the ${errors.length} problem(s) above`);
  }
  const files = await readCourseFiles(dir);
  const course = await packCourseJson(files, catalog.course.title);
  const json = JSON.stringify(course);
  const bytes = new TextEncoder().encode(json).byteLength;
  if (bytes > MAX_COURSE_BYTES) {
    throw new Error(
      `course.json would be ${(bytes / 1024 / 1024).toFixed(1)} MiB; the app reads at most ` +
        `${MAX_COURSE_BYTES / 1024 / 1024} MiB. Keep big files out of the course folder.`,
    );
  }
  const out = options.out ?? join(dir, "dist");
  const app = options.app ?? DEFAULT_APP_URL;
  await mkdir(out, { recursive: true });
  await writeFile(join(out, "course.json"), json);
  await writeFile(
    join(out, "index.html"),
    indexPage(catalog.course.title, catalog.course.summary, app),
  );
  return {
    out,
    bytes,
    digest: course.digest,
    link: options.url
      ? courseLink(app, options.url)
      : `${courseLink(app, "URL")} (URL: where course.json is served, URL-encoded; or pass --url)`,
  };
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/**
 * A page for the upload's folder: it links to the app with this folder's own
 * course.json, wherever the folder ends up.
 */
function indexPage(title: string, summary: string, app: string): string {
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${escape(title)}</title>
<h1>${escape(title)}</h1>
<p>${escape(summary)}</p>
<p><a id="open" href="${escape(app)}">Open the course in the Docker sandbox</a></p>
<p><small>This folder was written by <code>npm run course -- pack</code>. Its host must send
<code>Access-Control-Allow-Origin</code> for course.json, so the app can read it.</small></p>
<script>
  const link = new URL(${JSON.stringify(app).replace(/</g, "\\u003c")});
  link.searchParams.set("course", new URL("course.json", location.href).href);
  document.getElementById("open").href = link.href;
</script>
</html>
`;
}
