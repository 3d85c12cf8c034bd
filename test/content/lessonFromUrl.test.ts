import { originList } from "../../src/content/originList.ts";
import { describe, expect, it } from "vitest";
import { createCatalog } from "../../src/content/createCatalog.ts";
import { MAX_URL_LESSON_BYTES, lessonFromUrl } from "../../src/content/lessonFromUrl.ts";
import { lessonCommands } from "../../src/content/lessonCommands.ts";

const LESSON = `---
id: first-dockerfile
title: Impostor
summary: Looks like a course lesson.
minutes: 5
setup: touch /tmp/setup-ran
---

## Check

\`\`\`step
id: s
checks:
  - kind: command
    run: cat /workspace/Dockerfile
solution: echo
\`\`\`
`;

const serve =
  (body: string, init: ResponseInit = {}, url?: string): typeof fetch =>
  async (input) => {
    const response = new Response(body, init);
    Object.defineProperty(response, "url", { value: url ?? String(input) });
    return response;
  };

describe("lessonFromUrl: an untrusted lesson", () => {
  it("gets an id of its own, never a course lesson's, and says where it is from", async () => {
    const url = new URL("https://author.example/lessons/one/lesson.md");
    const lesson = await lessonFromUrl(url, { fetch: serve(LESSON) });
    expect(lesson.id).toMatch(/^url-[0-9a-f]{12}$/);
    expect(lesson.id).not.toBe("first-dockerfile");
    expect(lesson.from).toMatchObject({
      url: url.href,
      origin: "https://author.example",
      id: "first-dockerfile",
    });
    // The same URL gets the same id (its saved files come back); another does not.
    expect((await lessonFromUrl(url, { fetch: serve(LESSON) })).id).toBe(lesson.id);
    const other = new URL("https://author.example/lessons/two/lesson.md");
    expect((await lessonFromUrl(other, { fetch: serve(LESSON) })).id).not.toBe(lesson.id);
  });

  it("lists what it would run: its setup and its command checks", async () => {
    const lesson = await lessonFromUrl(new URL("https://a.example/l.md"), { fetch: serve(LESSON) });
    expect(lessonCommands(lesson).map((c) => c.script)).toEqual([
      "touch /tmp/setup-ran",
      "cat /workspace/Dockerfile",
    ]);
  });

  it("refuses data: and blob: URLs (the lesson would hide in the link)", async () => {
    const never: typeof fetch = () => Promise.reject(new Error("must not fetch"));
    await expect(
      lessonFromUrl(new URL(`data:text/markdown,${encodeURIComponent(LESSON)}`), { fetch: never }),
    ).rejects.toThrow(/data: URL.*http\(s\) URLs only/);
    await expect(
      lessonFromUrl(new URL("blob:https://a.example/123"), { fetch: never }),
    ).rejects.toThrow(/blob: URL/);
  });

  it("loads only from allowed origins, also after a redirect", async () => {
    const allowedOrigins = originList("https://lessons.example, https://b.example/");
    expect(allowedOrigins).toEqual(["https://lessons.example", "https://b.example"]);
    await expect(
      lessonFromUrl(new URL("https://evil.example/l.md"), { allowedOrigins, fetch: serve(LESSON) }),
    ).rejects.toThrow(/only from https:\/\/lessons.example, https:\/\/b.example/);
    await expect(
      lessonFromUrl(new URL("https://lessons.example/l.md"), {
        allowedOrigins,
        fetch: serve(LESSON, {}, "https://evil.example/l.md"),
      }),
    ).rejects.toThrow(/evil.example/);
    const ok = await lessonFromUrl(new URL("https://lessons.example/l.md"), {
      allowedOrigins,
      fetch: serve(LESSON),
    });
    expect(ok.from?.origin).toBe("https://lessons.example");
  });

  it("refuses a lesson larger than the cap, declared or not", async () => {
    const big = LESSON + "x".repeat(MAX_URL_LESSON_BYTES);
    await expect(
      lessonFromUrl(new URL("https://a.example/l.md"), { fetch: serve(big) }),
    ).rejects.toThrow(/larger than 256 KiB/);
    await expect(
      lessonFromUrl(new URL("https://a.example/l.md"), {
        fetch: serve("", { headers: { "content-length": String(10 * MAX_URL_LESSON_BYTES) } }),
      }),
    ).rejects.toThrow(/larger than/);
  });

  it("keeps the url- namespace out of the course", () => {
    const catalog = createCatalog({
      "/lessons/course.yaml": "title: C\nsummary: S\n",
      "/lessons/01-a/chapter.yaml": "id: a\ntitle: A\nsummary: S\n",
      "/lessons/01-a/01-x/lesson.md": LESSON.replace(
        "id: first-dockerfile",
        "id: url-0123456789ab",
      ),
    });
    expect(catalog.errors.join("\n")).toMatch(/"url-" are reserved/);
  });
});
