import { concatBytes } from "../runtime/bytes.ts";
import { courseCatalog, type LoadedCourse } from "./courseCatalog.ts";
import { CourseFormatError, MAX_COURSE_BYTES, parseCourseJson } from "./courseJson.ts";

export interface CourseUrlOptions {
  /**
   * Origins courses may come from (the build-time setting VITE_LESSON_ORIGINS,
   * shared with `?lessonUrl=`); null or empty: any http(s) origin.
   */
  allowedOrigins?: readonly string[] | null;
  /** Injected in unit tests. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/**
 * Where course.json is for a `?course=` value: the URL itself when it names
 * a .json file, else course.json in the folder it names (`…/workshop/` and
 * `…/workshop` both mean `…/workshop/course.json`).
 */
export function courseJsonUrl(url: URL): URL {
  if (/\.json$/i.test(url.pathname)) return url;
  const folder = new URL(url.href);
  if (!folder.pathname.endsWith("/")) folder.pathname += "/";
  folder.search = "";
  folder.hash = "";
  return new URL("course.json", folder);
}

/**
 * Load an instructor's course (`?course=<url>`) from any static host. It is
 * untrusted, like a lesson from a link (docs/courses.md): http(s) only (a
 * `data:` or `blob:` URL would hide where it comes from), only from allowed
 * origins (also after redirects), at most MAX_COURSE_BYTES, fetched without
 * credentials, validated against course.json's schema and digest. Its lessons
 * get ids in the course's namespace and a `from` naming its origin, so they
 * run nothing until the learner agrees (courseCatalog.ts).
 * @throws {Error} one actionable message (what went wrong, what to do).
 */
export async function courseFromUrl(
  url: URL,
  options: CourseUrlOptions = {},
): Promise<LoadedCourse> {
  const allowed = options.allowedOrigins ?? null;
  refuseUnsafeUrl(url, allowed);
  const target = courseJsonUrl(url);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(target, {
      credentials: "omit",
      redirect: "follow",
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (err) {
    throw new Error(
      `Cannot load the course at ${target.href}: ${(err as Error).message}. Is the address ` +
        "right, and does its host allow this site to read it (Access-Control-Allow-Origin)?",
      { cause: err },
    );
  }
  if (!response.ok) {
    throw new Error(
      `Cannot load the course at ${target.href}: HTTP ${response.status}` +
        (response.status === 404
          ? ". Upload the folder `npm run course -- pack` wrote, and link to its course.json."
          : "."),
    );
  }
  // A redirect must not lead out of the allowed origins.
  const final = response.url ? new URL(response.url) : target;
  refuseUnsafeUrl(final, allowed);
  const text = await readCapped(response, target);
  try {
    const course = await parseCourseJson(text, target.href);
    return await courseCatalog(course.files, target);
  } catch (err) {
    if (err instanceof CourseFormatError) throw new Error(err.message, { cause: err });
    throw err;
  }
}

function refuseUnsafeUrl(url: URL, allowedOrigins: readonly string[] | null): void {
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(
      `Cannot load a course from a ${url.protocol} URL: courses are loaded from http(s) URLs ` +
        "only, so the link shows where the course comes from.",
    );
  }
  if (allowedOrigins?.length && !allowedOrigins.includes(url.origin)) {
    throw new Error(
      `Cannot load a course from ${url.origin}: this site accepts courses only from ` +
        `${allowedOrigins.join(", ")}.`,
    );
  }
}

async function readCapped(response: Response, url: URL): Promise<string> {
  const tooBig = () =>
    new Error(
      `Cannot load the course at ${url.href}: it is larger than ` +
        `${MAX_COURSE_BYTES / 1024 / 1024} MiB. Keep big files out of the course folder.`,
    );
  if (Number(response.headers.get("content-length") ?? 0) > MAX_COURSE_BYTES) throw tooBig();
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_COURSE_BYTES) {
      await reader.cancel();
      throw tooBig();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(concatBytes(chunks));
}
