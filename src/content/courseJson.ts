/**
 * course.json: a course folder packed into one file, because a static host
 * cannot list folders. `npm run course -- pack` writes it; `?course=` reads
 * it (courseFromUrl.ts). It holds the folder's text files by path, the
 * course's title, and a digest of the files, so a file cut off in upload or
 * edited by hand is refused with a reason instead of half-loading.
 */
import { z } from "zod";
import { zodProblems } from "../checks/parseCheck.ts";

/** What `format` says: tells a course.json from any other JSON a link may point at. */
export const COURSE_FORMAT = "docker-sandbox-course";
/** The format version this app reads and `pack` writes. */
export const COURSE_VERSION = 1;
/** The most a course.json may weigh. The built-in course packs to 272 KiB. */
export const MAX_COURSE_BYTES = 4 * 1024 * 1024;
/** The most files a course may hold (the built-in course has about 100). */
export const MAX_COURSE_FILES = 1000;
/** The longest path a course file may have. */
export const MAX_PATH_LENGTH = 200;

/**
 * A path inside the course folder: relative, `/`-separated, no `.` or `..`
 * segments, no backslashes or control characters. createCatalog then decides
 * whether it is part of a lesson.
 */
const coursePathSchema = z
  .string()
  .min(1)
  .max(MAX_PATH_LENGTH)
  .refine(
    (path) =>
      // eslint-disable-next-line no-control-regex
      !/[\\\u0000-\u001f]/.test(path) &&
      path.split("/").every((segment) => segment !== "" && segment !== "." && segment !== ".."),
    'a relative path inside the course folder, "/"-separated, without "." or ".." segments',
  );

/** The schema of course.json. */
export const courseJsonSchema = z.strictObject({
  format: z.literal(COURSE_FORMAT).describe(`Always "${COURSE_FORMAT}".`),
  version: z
    .literal(COURSE_VERSION)
    .describe(`The format version; this app reads version ${COURSE_VERSION}.`),
  title: z.string().min(1).max(200).describe("The course's title (from course.yaml)."),
  digest: z
    .string()
    .regex(/^sha256-[0-9a-f]{64}$/)
    .describe("sha256-<hex> of the files (courseDigest): any change to a file changes it."),
  files: z
    .record(coursePathSchema, z.string())
    .refine((files) => Object.keys(files).length <= MAX_COURSE_FILES, {
      message: `at most ${MAX_COURSE_FILES} files`,
    })
    .describe("The course folder's text files by path, e.g. 01-basics/01-hello/lesson.md."),
});

/** A parsed course.json. */
export type CourseJson = z.output<typeof courseJsonSchema>;

/** course.json is not a course this app can open. The message says what to do. */
export class CourseFormatError extends Error {
  override name = "CourseFormatError";
}

/**
 * The digest of a course's files: SHA-256 over each path and text in path
 * order, each followed by a NUL (a path or text cannot shift into the next).
 */
export async function courseDigest(files: Record<string, string>): Promise<string> {
  const encoder = new TextEncoder();
  const parts = Object.keys(files)
    .sort()
    .flatMap((path) => [encoder.encode(`${path}\0`), encoder.encode(`${files[path]}\0`)]);
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return `sha256-${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** Pack a course folder's files (path → text) into course.json's object. */
export async function packCourseJson(
  files: Record<string, string>,
  title: string,
): Promise<CourseJson> {
  const sorted = Object.fromEntries(
    Object.keys(files)
      .sort()
      .map((path) => [path, files[path]!]),
  );
  return {
    format: COURSE_FORMAT,
    version: COURSE_VERSION,
    title,
    digest: await courseDigest(sorted),
    files: sorted,
  };
}

/**
 * Read course.json's text. `name` is how messages call the file (its URL).
 * @throws {CourseFormatError} with every problem and what to do about it.
 */
export async function parseCourseJson(text: string, name = "course.json"): Promise<CourseJson> {
  const repack = "Pack the course again with `npm run course -- pack <dir>` and upload its output.";
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new CourseFormatError(
      `${name}: not JSON (${(error as Error).message}). Is this the course.json that ` +
        "`npm run course -- pack` wrote? A host that answers with an HTML page (a 404 page, a " +
        "login page) gives this too.",
    );
  }
  if (typeof data === "object" && data !== null && "version" in data) {
    const { format, version } = data as { format?: unknown; version?: unknown };
    if (format === COURSE_FORMAT && typeof version === "number" && version > COURSE_VERSION) {
      throw new CourseFormatError(
        `${name}: course format version ${version} is newer than this app reads ` +
          `(${COURSE_VERSION}). Open it on a newer version of the app.`,
      );
    }
  }
  const result = courseJsonSchema.safeParse(data);
  if (!result.success) {
    const problems = zodProblems(result.error.issues, "", data);
    throw new CourseFormatError(
      `${name}: not a course this app can open:\n` +
        problems.map((p) => `${name}: ${p}`).join("\n") +
        `\n${repack}`,
    );
  }
  if ((await courseDigest(result.data.files)) !== result.data.digest) {
    throw new CourseFormatError(
      `${name}: its files do not match its digest: it was edited by hand or cut off on ` +
        `the way. ${repack}`,
    );
  }
  return result.data;
}
