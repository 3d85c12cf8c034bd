// Challenge lessons: a small course of one challenge, served from a second
// origin (as an instructor's course, docs/courses.md), so the built-in
// lessons stay as they are. The lesson is marked as a challenge, has no Run
// buttons, and its "Show me" asks first: dismissed, nothing is typed;
// accepted, the solution is typed and the step passes.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packCourse } from "../../src/cli/coursePack.ts";
import { terminalText } from "../../src/cli/terminalPage.ts";
import { ARTIFACTS, recordConsole, useSiteAndChromium, waitReady } from "./browser.ts";

// No setup and no command checks: nothing for the consent dialog to ask about.
const LESSON = `---
id: greet-challenge
title: Leave a greeting
summary: A file of your own, with no commands given.
minutes: 2
challenge: true
---

## Leave a greeting

Leave a file \`hello.txt\` in /workspace that says \`hi\`. Files are
written from the shell like this, for example:

\`\`\`sh
date > now.txt
\`\`\`

\`\`\`step
id: greet
checks:
  - kind: file
    path: hello.txt
    contains: hi
hints:
  - "echo prints its arguments; > sends them into a file."
solution: echo hi > hello.txt
\`\`\`
`;

const COURSE: Record<string, string> = {
  "course.yaml": "title: Challenges\nsummary: Goals only.\n",
  "01-start/chapter.yaml": "id: start\ntitle: Start\nsummary: The start.\n",
  "01-start/01-greet/lesson.md": LESSON,
};

let server: Server | undefined;
let courseJson = "";
let courseOrigin = "";
let work = "";

const env = useSiteAndChromium(async () => {
  work = await mkdtemp(join(tmpdir(), "challenge-e2e-"));
  for (const [path, text] of Object.entries(COURSE)) {
    await mkdir(dirname(join(work, path)), { recursive: true });
    await writeFile(join(work, path), text);
  }
  const packed = await packCourse(work, { out: join(work, "out") });
  courseJson = await readFile(join(packed.out, "course.json"), "utf8");
  // A static host on another origin that allows the app to read it.
  server = createServer((req, res) => {
    if (!(req.url ?? "").startsWith("/challenges/course.json"))
      return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
    res.end(courseJson);
  });
  await new Promise<void>((r) => server?.listen(0, "localhost", r));
  courseOrigin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return { VITE_LESSON_ORIGINS: courseOrigin };
});
afterAll(async () => {
  server?.close();
  if (work) await rm(work, { recursive: true, force: true });
});

/** Whether /workspace/hello.txt exists in the page's sandbox (test builds expose `app`). */
function helloExists(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const app = (
      globalThis as unknown as {
        app: {
          sandbox: { runtime: { exec(c: string, o: object): Promise<{ exitCode: number }> } };
        };
      }
    ).app;
    const result = await app.sandbox.runtime.exec("test -e /workspace/hello.txt", {
      timeoutMs: 60_000,
    });
    return result.exitCode === 0;
  });
}

describe("a challenge lesson", () => {
  let page: Page;
  let log: string[];

  beforeAll(async () => {
    page = await env.browser.newPage({ viewport: { width: 1366, height: 800 } });
    log = recordConsole(page);
    const course = encodeURIComponent(`${courseOrigin}/challenges/`);
    await page.goto(`${env.site.url}?course=${course}&lesson=greet-challenge`);
    await waitReady(page, log);
  });
  afterAll(() => page?.close());

  it("is marked as a challenge in the header and the lesson list, and has no Run buttons", async () => {
    await expect(page.locator(".lesson-pane .challenge-badge").textContent()).resolves.toBe(
      "Challenge",
    );
    await expect(page.locator(".lesson-nav select option:checked").textContent()).resolves.toMatch(
      /Leave a greeting · Challenge/,
    );
    const article = page.locator("article.lesson");
    // The block is there, with Copy, but nothing types it.
    expect(await article.locator(".code-block").count()).toBe(1);
    expect(await article.locator('button[data-action="copy"]').count()).toBe(1);
    expect(await article.locator('button[data-action="run"]').count()).toBe(0);
  });

  it("asks before Show me reveals the answer: dismissed, nothing is typed; accepted, it is", async () => {
    const step = page.locator('.step[data-step="greet"]');
    const asked: string[] = [];
    page.once("dialog", (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await step.getByRole("button", { name: "Show me" }).click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toMatch(/reveals the answer.*types the solution commands into the terminal/);
    // Give a typed command time to show up and run: none does.
    await page.waitForTimeout(2000);
    expect((await terminalText(page)).join("\n")).not.toContain("echo hi > hello.txt");
    expect(await helloExists(page)).toBe(false);
    expect(await step.getAttribute("data-status")).not.toBe("passed");

    page.once("dialog", (d) => void d.accept());
    await step.getByRole("button", { name: "Show me" }).click();
    await page
      .locator('.step[data-step="greet"][data-status="passed"]')
      .waitFor({ timeout: 180_000 })
      .catch(async (err: Error) => {
        await page.screenshot({ path: join(ARTIFACTS, "challenge-show-me.png") });
        throw new Error(`${err.message}\npage console:\n${log.join("\n")}`);
      });
    expect((await terminalText(page)).join("\n")).toContain("echo hi > hello.txt");
    expect(await helloExists(page)).toBe(true);
  });
});
