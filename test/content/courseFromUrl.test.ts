import { describe, expect, it } from "vitest";
import { courseFromUrl, courseJsonUrl } from "../../src/content/courseFromUrl.ts";
import { MAX_COURSE_BYTES, packCourseJson } from "../../src/content/courseJson.ts";
import { lessonCommands } from "../../src/content/lessonCommands.ts";

const lesson = (id: string, extra = "") => `---
id: ${id}
title: Lesson ${id}
summary: A lesson.
minutes: 5
${extra}---

## Do it

\`\`\`step
id: s
checks:
  - kind: command
    run: test -e /tmp/${id}
solution: touch /tmp/${id}
\`\`\`
`;

const FILES: Record<string, string> = {
  "README.md": "notes for the instructor, not content",
  "course.yaml": "title: Workshop\nsummary: A workshop.\n",
  "01-a/chapter.yaml": "id: a\ntitle: A\nsummary: A.\n",
  // Ids a course lesson of the site also has: they must not collide.
  "01-a/01-one/lesson.md": lesson("welcome", "setup: touch /tmp/setup\n"),
  "01-a/01-one/files/Dockerfile": "FROM busybox\n",
  "01-a/02-two/lesson.md": lesson("second", "prerequisites: [welcome]\n"),
};

interface Served {
  fetch: typeof fetch;
  requests: { url: string; init: RequestInit | undefined }[];
}

/** A static host: answers every request with `body` (or what `respond` makes). */
function host(body: string | (() => Response), finalUrl?: string): Served {
  const requests: Served["requests"] = [];
  return {
    requests,
    fetch: async (input, init) => {
      requests.push({ url: String(input), init });
      const response = typeof body === "string" ? new Response(body) : body();
      Object.defineProperty(response, "url", { value: finalUrl ?? String(input) });
      return response;
    },
  };
}

const packed = async (files = FILES) => JSON.stringify(await packCourseJson(files, "Workshop"));

describe("courseFromUrl: an instructor's course", () => {
  it("finds course.json in a folder URL, with or without the slash", () => {
    const at = (u: string) => courseJsonUrl(new URL(u)).href;
    expect(at("https://host.example/w/")).toBe("https://host.example/w/course.json");
    expect(at("https://host.example/w")).toBe("https://host.example/w/course.json");
    expect(at("https://host.example/w/course.json")).toBe("https://host.example/w/course.json");
    expect(at("https://host.example/w/other.json")).toBe("https://host.example/w/other.json");
  });

  it("fetches course.json without credentials and builds its chapters and lessons", async () => {
    const served = host(await packed());
    const course = await courseFromUrl(new URL("https://host.example/w/"), {
      fetch: served.fetch,
    });
    expect(served.requests).toHaveLength(1);
    expect(served.requests[0]?.url).toBe("https://host.example/w/course.json");
    expect(served.requests[0]?.init?.credentials).toBe("omit");
    expect(course.info.title).toBe("Workshop");
    expect(course.origin).toBe("https://host.example");
    expect(course.errors).toEqual([]);
    expect(course.chapters.map((c) => c.lessons.length)).toEqual([2]);
    expect(course.lessons[0]?.files).toEqual({ Dockerfile: "FROM busybox\n" });
  });

  it("puts its lessons in a namespace of the course URL, untrusted, with their commands listed", async () => {
    const url = new URL("https://host.example/w/course.json");
    const course = await courseFromUrl(url, { fetch: host(await packed()).fetch });
    const [one, two] = course.lessons;
    expect(one?.id).toMatch(/^course-[0-9a-f]{12}-welcome$/);
    const prefix = one?.id.replace(/welcome$/, "");
    expect(two?.id).toBe(`${prefix}second`);
    expect(two?.prerequisites).toEqual([one?.id]);
    expect(one?.from).toMatchObject({ url: url.href, origin: url.origin, id: "welcome" });
    expect(lessonCommands(one!).map((c) => c.script)).toEqual([
      "touch /tmp/setup",
      "test -e /tmp/welcome",
    ]);
    // The same course at the folder URL is the same course (saved files come back) …
    const again = await courseFromUrl(new URL("https://host.example/w/"), {
      fetch: host(await packed()).fetch,
    });
    expect(again.lessons[0]?.id).toBe(one?.id);
    // … and the same files at another URL are another course.
    const copy = await courseFromUrl(new URL("https://copy.example/w/course.json"), {
      fetch: host(await packed()).fetch,
    });
    expect(copy.lessons[0]?.id).not.toBe(one?.id);
  });

  it("reports a malformed lesson by its URL and keeps the others", async () => {
    const files = { ...FILES, "01-a/02-two/lesson.md": "---\nid: Two\n---\n" };
    const course = await courseFromUrl(new URL("https://host.example/w/course.json"), {
      fetch: host(await packed(files)).fetch,
    });
    expect(course.lessons.map((l) => l.from?.id)).toEqual(["welcome"]);
    expect(course.errors.join("\n")).toMatch(
      /^https:\/\/host\.example\/w\/01-a\/02-two\/lesson\.md: /m,
    );
  });

  it("refuses data:, blob: and file: URLs without fetching", async () => {
    const never: typeof fetch = () => Promise.reject(new Error("must not fetch"));
    for (const url of ["data:application/json,{}", "blob:https://x.example/1", "file:///c.json"]) {
      await expect(courseFromUrl(new URL(url), { fetch: never })).rejects.toThrow(
        /http\(s\) URLs only/,
      );
    }
  });

  it("keeps to the allowed origins, also after a redirect", async () => {
    const allowedOrigins = ["https://ok.example"];
    await expect(
      courseFromUrl(new URL("https://evil.example/c.json"), {
        allowedOrigins,
        fetch: host(await packed()).fetch,
      }),
    ).rejects.toThrow(/only from https:\/\/ok\.example/);
    await expect(
      courseFromUrl(new URL("https://ok.example/c.json"), {
        allowedOrigins,
        fetch: host(await packed(), "https://evil.example/c.json").fetch,
      }),
    ).rejects.toThrow(/Cannot load a course from https:\/\/evil\.example/);
  });

  it("refuses more than the size cap, by header or by counting", async () => {
    const big = "x".repeat(MAX_COURSE_BYTES + 1);
    const byHeader = () =>
      new Response("{}", { headers: { "content-length": String(MAX_COURSE_BYTES + 1) } });
    const url = new URL("https://host.example/c.json");
    await expect(courseFromUrl(url, { fetch: host(byHeader).fetch })).rejects.toThrow(
      /larger than 4 MiB/,
    );
    await expect(courseFromUrl(url, { fetch: host(big).fetch })).rejects.toThrow(
      /larger than 4 MiB/,
    );
  });

  it("says what to do on a 404, a network error and a file that is not a course", async () => {
    const url = new URL("https://host.example/w/");
    const notFound = () => new Response("nope", { status: 404 });
    await expect(courseFromUrl(url, { fetch: host(notFound).fetch })).rejects.toThrow(
      /HTTP 404\. Upload the folder `npm run course -- pack` wrote/,
    );
    const offline: typeof fetch = () => Promise.reject(new TypeError("Failed to fetch"));
    await expect(courseFromUrl(url, { fetch: offline })).rejects.toThrow(
      /Failed to fetch.*Access-Control-Allow-Origin/,
    );
    await expect(courseFromUrl(url, { fetch: host('{"hello": 1}').fetch })).rejects.toThrow(
      /https:\/\/host\.example\/w\/course\.json: not a course this app can open/,
    );
  });
});
