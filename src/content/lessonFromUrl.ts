import { concatBytes } from "../runtime/bytes.ts";
import { parseLesson, type Lesson } from "./lesson.ts";
import { lessonCommands } from "./lessonCommands.ts";

/** The most a lesson from a URL may weigh: lesson.md alone, so generous for text. */
export const MAX_URL_LESSON_BYTES = 256 * 1024;

export interface UrlLessonOptions {
  /**
   * Origins lessons may come from (a build-time setting, VITE_LESSON_ORIGINS);
   * null or empty: any http(s) origin.
   */
  allowedOrigins?: readonly string[] | null;
  /** Injected in unit tests. */
  fetch?: typeof fetch;
}

/**
 * Load one lesson from a URL (`?lessonUrl=` — an author previewing a lesson
 * being written, or a page linking to its own lesson). Only lesson.md is
 * fetched: such a lesson has no files/ or solution/, so its steps are solved
 * by commands.
 *
 * The lesson is untrusted (docs/security.md): only http(s) (a `data:` or
 * `blob:` URL would put a whole lesson in a link nobody can see the source
 * of), only from allowed origins, at most MAX_URL_LESSON_BYTES, fetched
 * without credentials. Its id is put in a namespace of its own, derived from
 * the URL, so it can never take over a course lesson's id, saved files or
 * progress; `from` records where it came from for the banner and the consent
 * dialog.
 */
export async function lessonFromUrl(url: URL, options: UrlLessonOptions = {}): Promise<Lesson> {
  refuseUnsafeUrl(url, options.allowedOrigins ?? null);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { credentials: "omit", redirect: "follow" });
  } catch (err) {
    throw new Error(`Cannot load the lesson at ${url.href}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  if (!response.ok) {
    throw new Error(`Cannot load the lesson at ${url.href}: HTTP ${response.status}`);
  }
  // A redirect must not lead out of the allowed origins.
  if (response.url) refuseUnsafeUrl(new URL(response.url), options.allowedOrigins ?? null);
  const source = await readCapped(response, url);
  const dir = url.pathname.replace(/\/(lesson\.md)?$/, "").replace(/\.md$/, "") || "preview";
  const lesson = parseLesson({ dir: `url${dir}`, chapter: "preview", source });
  return {
    ...lesson,
    id: await urlLessonId(url),
    from: {
      url: url.href,
      origin: url.origin,
      id: lesson.id,
      commandsDigest: await sha256Hex(JSON.stringify(lessonCommands(lesson))),
    },
  };
}

function refuseUnsafeUrl(url: URL, allowedOrigins: readonly string[] | null): void {
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new Error(
      `Cannot load a lesson from a ${url.protocol} URL: lessons are loaded from http(s) URLs only, ` +
        "so the link shows where the lesson comes from.",
    );
  }
  if (allowedOrigins?.length && !allowedOrigins.includes(url.origin)) {
    throw new Error(
      `Cannot load a lesson from ${url.origin}: this site accepts lessons only from ` +
        `${allowedOrigins.join(", ")}.`,
    );
  }
}

async function readCapped(response: Response, url: URL): Promise<string> {
  const tooBig = () =>
    new Error(
      `Cannot load the lesson at ${url.href}: it is larger than ${MAX_URL_LESSON_BYTES / 1024} KiB.`,
    );
  if (Number(response.headers.get("content-length") ?? 0) > MAX_URL_LESSON_BYTES) throw tooBig();
  if (!response.body) return "";
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_URL_LESSON_BYTES) {
      await reader.cancel();
      throw tooBig();
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(concatBytes(chunks));
}

/** The id namespace of lessons from URLs; course lessons may not use it (createCatalog.ts). */
export const URL_LESSON_ID_PREFIX = "url-";

/** `url-<12 hex of SHA-256(url)>`: stable per URL (its saved files come back), never a course id. */
export async function urlLessonId(url: URL): Promise<string> {
  return `${URL_LESSON_ID_PREFIX}${(await sha256Hex(url.href)).slice(0, 12)}`;
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
