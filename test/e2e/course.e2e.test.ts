// Courses of one's own (issue 17): a course packed by `npm run course -- pack`
// and served from a second origin opens with a banner naming that origin,
// runs nothing until the learner allows it in the consent dialog, and then a
// step goes green. A course that does not load says why in the lesson pane,
// and the app still works.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packCourse } from "../../src/cli/coursePack.ts";
import { PROMPT } from "../../src/cli/browser.ts";
import { typeInTerminal, waitForTerminal } from "../../src/cli/terminalPage.ts";
import { ARTIFACTS, recordConsole, useSiteAndChromium } from "./browser.ts";

const LESSON = `---
id: hello-file
title: A file of your own
summary: Write a file in the terminal.
minutes: 2
setup: touch /tmp/course-setup-ran
---

## Write hello.txt

\`\`\`sh run
echo hi > hello.txt
\`\`\`

\`\`\`step
id: hello
checks:
  - kind: file
    path: hello.txt
    contains: hi
  - kind: command
    run: test -e /tmp/course-setup-ran
solution: echo hi > hello.txt
\`\`\`
`;

const COURSE: Record<string, string> = {
  "course.yaml": "title: Second-origin workshop\nsummary: A course from elsewhere.\n",
  "01-start/chapter.yaml": "id: start\ntitle: Start\nsummary: The start.\n",
  "01-start/01-hello/lesson.md": LESSON,
};

const servers: Server[] = [];
const routes: Record<string, string> = {};
let courseOrigin = "";

/** A static host on another origin, as an instructor's (it sends Access-Control-Allow-Origin). */
async function serveCourses(): Promise<string> {
  const server = createServer((req, res) => {
    const body = routes[(req.url ?? "").split("?")[0]!];
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, {
      "content-type": "application/json",
      "access-control-allow-origin": "*",
    });
    res.end(body);
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "localhost", r));
  return `http://localhost:${(server.address() as AddressInfo).port}`;
}

let work = "";
// The course's host is up before the sandbox's build, which names it as a
// place courses may come from (a deployment's VITE_LESSON_ORIGINS).
const env = useSiteAndChromium(async () => {
  courseOrigin = await serveCourses();
  work = await mkdtemp(join(tmpdir(), "course-e2e-"));
  for (const [path, text] of Object.entries(COURSE)) {
    await mkdir(dirname(join(work, path)), { recursive: true });
    await writeFile(join(work, path), text);
  }
  const packed = await packCourse(work, { out: join(work, "out") });
  const json = await readFile(join(packed.out, "course.json"), "utf8");
  routes["/workshop/course.json"] = json;
  // The same course, edited on the host after packing: refused by its digest.
  routes["/edited/course.json"] = json.replace("A file of your own", "Edited");
  return { VITE_LESSON_ORIGINS: courseOrigin };
});
afterAll(async () => {
  for (const server of servers) server.close();
  if (work) await rm(work, { recursive: true, force: true });
});

type Exec = (cmd: string) => Promise<number>;

/** A command's exit code in the page's sandbox (test builds expose `app`). */
function guest(page: Page): Exec {
  return (cmd) =>
    page.evaluate(async (command) => {
      const app = (
        globalThis as unknown as {
          app: {
            sandbox: { runtime: { exec(c: string, o: object): Promise<{ exitCode: number }> } };
          };
        }
      ).app;
      return (await app.sandbox.runtime.exec(command, { timeoutMs: 60_000 })).exitCode;
    }, cmd);
}

describe("a course of one's own, from a second origin", () => {
  let page: Page;
  let exec: Exec;
  let log: string[];

  it("says in the lesson pane why a course does not load, and keeps the site's own course", async () => {
    const broken = await env.browser.newPage();
    const brokenLog = recordConsole(broken);
    await broken.goto(`${env.site.url}?course=${encodeURIComponent(`${courseOrigin}/edited/`)}`);
    const banner = broken.locator(".lesson-area .banner").first();
    await banner.waitFor({ timeout: 60_000 }).catch((err: Error) => {
      throw new Error(`${err.message}\npage console:\n${brokenLog.join("\n")}`);
    });
    const text = (await banner.textContent()) ?? "";
    expect(text).toContain(`${courseOrigin}/edited/course.json`);
    expect(text).toMatch(/do not match its digest/);
    expect(text).toMatch(/npm run course -- pack/);
    // The site's own course is open instead, trusted as ever.
    await expect(broken.locator("article.lesson").getAttribute("data-lesson")).resolves.toMatch(
      /^[a-z]/,
    );
    expect(await broken.locator(".from-url").count()).toBe(0);
    await broken.close();
  });

  describe("opened from its link", () => {
    beforeAll(async () => {
      page = await env.browser.newPage({ viewport: { width: 1366, height: 800 } });
      log = recordConsole(page);
      // The instructor's link names the lesson by the id they gave it.
      const course = encodeURIComponent(`${courseOrigin}/workshop/`);
      await page.goto(`${env.site.url}?course=${course}&lesson=hello-file`);
      await page
        .waitForSelector('.status[data-status="ready"]', { timeout: 240_000 })
        .catch((err: Error) => {
          throw new Error(`${err.message}\npage console:\n${log.join("\n")}`);
        });
      await waitForTerminal(page, PROMPT);
      exec = guest(page);
    });
    afterAll(() => page?.close());

    it("names the course's origin and runs none of its commands unasked", async () => {
      const banner = (await page.locator(".from-url").textContent()) ?? "";
      expect(banner).toContain(`Course from ${courseOrigin}`);
      await expect(page.title()).resolves.toContain("Second-origin workshop");
      // Its lesson lives in the course's namespace, not under the id it gave itself.
      await expect(page.locator("article.lesson").getAttribute("data-lesson")).resolves.toMatch(
        /^course-[0-9a-f]{12}-hello-file$/,
      );
      expect(await exec("test -e /tmp/course-setup-ran")).toBe(1);
    });

    it("turns a step green once the learner allows its commands in the dialog", async () => {
      await page.getByRole("button", { name: "Review its commands…" }).click();
      const dialog = page.locator("dialog.consent");
      const shown = (await dialog.textContent()) ?? "";
      expect(shown).toContain(courseOrigin);
      expect(shown).toContain("touch /tmp/course-setup-ran");
      await dialog.getByRole("button", { name: "Allow and run" }).click();
      await typeInTerminal(page, "echo hi > hello.txt\n");
      await page
        .locator('.step[data-step="hello"][data-status="passed"]')
        .waitFor({ timeout: 180_000 })
        .catch(async (err: Error) => {
          await page.screenshot({ path: join(ARTIFACTS, "course-step.png") });
          throw new Error(`${err.message}\npage console:\n${log.join("\n")}`);
        });
      expect(await exec("test -e /tmp/course-setup-ran")).toBe(0);
      expect(await page.locator(".from-url button").count()).toBe(0);
    });
  });
});
