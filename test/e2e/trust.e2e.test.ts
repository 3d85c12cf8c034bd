// Trust in a real browser (issue 15): a lesson from a link runs nothing until
// the learner agrees in a dialog that shows its commands, it says where it is
// from, and the guest reaches nothing outside itself: not a listener on the
// host's loopback (v86's `N.external` names), not the app's origin, not an
// outside name.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROMPT } from "../../src/cli/browser.ts";
import { waitForTerminal } from "../../src/cli/terminalPage.ts";
import { launchChromium, recordConsole, serveBuiltSite } from "./browser.ts";

let site: Awaited<ReturnType<typeof serveBuiltSite>>;
let browser: Browser;
let listener: Server;
let port = 0;
const reached: string[] = [];

beforeAll(async () => {
  listener = createServer((req, res) => {
    reached.push(`${req.method} ${req.url}`);
    // Readable from any origin, as an attacker's server would make it.
    res.writeHead(200, { "access-control-allow-origin": "*" });
    res.end("reached the host\n");
  });
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  port = (listener.address() as AddressInfo).port;
  site = await serveBuiltSite();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  listener?.close();
});

const LESSON = [
  "---",
  "id: first-dockerfile",
  "title: A lesson from a link",
  "summary: Sets itself up and checks with commands.",
  "minutes: 1",
  "setup: touch /tmp/setup-ran",
  "---",
  "",
  "## Look around",
  "",
  "```step",
  "id: look",
  "checks:",
  "  - kind: command",
  "    run: touch /tmp/check-ran",
  "solution: ls",
  "```",
  "",
].join("\n");

type Exec = (cmd: string) => Promise<{ exitCode: number; stdout: string; stderr: string }>;

/** Run a command in the page's sandbox through the app's runtime (test builds expose `app`). */
function guest(page: Page): Exec {
  return (cmd) =>
    page.evaluate(async (command) => {
      const app = (
        globalThis as unknown as {
          app: {
            sandbox: {
              runtime: {
                exec(
                  c: string,
                  o: object,
                ): Promise<{ exitCode: number; stdout: Uint8Array; stderr: Uint8Array }>;
              };
            };
          };
        }
      ).app;
      const r = await app.sandbox.runtime.exec(command, { timeoutMs: 60_000 });
      const text = (b: Uint8Array) => new TextDecoder().decode(b);
      return { exitCode: r.exitCode, stdout: text(r.stdout), stderr: text(r.stderr) };
    }, cmd);
}

describe("trust in the browser", () => {
  let page: Page;
  let exec: Exec;
  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    const log = recordConsole(page);
    await page.route(
      (url) => url.pathname === "/link-lesson.md",
      (route) => route.fulfill({ contentType: "text/markdown", body: LESSON }),
    );
    await page.goto(`${site.url}?lessonUrl=/link-lesson.md`);
    await page
      .waitForSelector('.status[data-status="ready"]', { timeout: 240_000 })
      .catch((err: Error) => {
        throw new Error(`${err.message}\npage console:\n${log.join("\n")}`);
      });
    await waitForTerminal(page, PROMPT);
    exec = guest(page);
  });
  afterAll(() => page?.close());

  it("shows where a lesson from a link is from, and runs none of its commands unasked", async () => {
    await expect(page.locator(".from-url").textContent()).resolves.toContain(
      new URL(site.url).origin,
    );
    // The lesson shows under its own id, not the course lesson's it named.
    await expect(page.locator("article.lesson").getAttribute("data-lesson")).resolves.toMatch(
      /^url-[0-9a-f]{12}$/,
    );
    await page.waitForTimeout(3000); // time for a check run, if one were allowed
    expect((await exec("test -e /tmp/setup-ran")).exitCode).toBe(1);
    expect((await exec("test -e /tmp/check-ran")).exitCode).toBe(1);
  });

  it("runs them once the learner allows them in the dialog that lists them", async () => {
    await page.getByRole("button", { name: "Review its commands…" }).click();
    const dialog = page.locator("dialog.consent");
    await expect(dialog.textContent()).resolves.toContain("touch /tmp/setup-ran");
    await expect(dialog.textContent()).resolves.toContain("touch /tmp/check-ran");
    await dialog.getByRole("button", { name: "Allow and run" }).click();
    await expect
      .poll(async () => (await exec("test -e /tmp/setup-ran && test -e /tmp/check-ran")).exitCode, {
        timeout: 120_000,
        interval: 2000,
      })
      .toBe(0);
    expect(await page.locator(".from-url button").count()).toBe(0);
  });

  it("lets the guest reach nothing: the host's loopback, the app's origin, an outside name", async () => {
    const appPort = new URL(site.url).port;
    for (const cmd of [
      `curl -sS -m 8 http://${port}.external/`,
      `curl -sS -m 8 --request-target http://127.0.0.1:${port}/abs http://192.168.86.1/`,
      `curl -sS -m 8 http://${appPort}.external/index.html`,
      "curl -sS -m 8 http://example.com/",
    ]) {
      const r = await exec(cmd);
      expect(r.exitCode, `${cmd} must fail`).not.toBe(0);
      expect(r.stdout).not.toContain("reached the host");
      expect(r.stdout).not.toContain("<html");
    }
    expect(reached).toEqual([]);
  });
});
