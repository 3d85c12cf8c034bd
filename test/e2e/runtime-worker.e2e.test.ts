// The runtime in a real browser: the built site served statically, v86 in a
// Web Worker restoring the snapshot over HTTP Range requests, a real docker run.
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, launchChromium, recordConsole, serveBuiltSite } from "./browser.ts";

describe("the sandbox in Chromium (Web Worker runtime)", () => {
  let site: Awaited<ReturnType<typeof serveBuiltSite>>;
  let browser: Browser;
  beforeAll(async () => {
    site = await serveBuiltSite();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function openReady(): Promise<{ page: Page; log: string[] }> {
    const page = await browser.newPage();
    const log = recordConsole(page);
    await page.goto(site.url);
    await page
      .waitForSelector('[data-status="ready"]', { timeout: 240_000 })
      .catch((err: Error) => {
        throw new Error(`${err.message}\npage console:\n${log.join("\n")}`);
      });
    return { page, log };
  }

  it("restores the VM in a worker and runs a real container from the page", async () => {
    const { page } = await openReady();
    await page.fill("#cmd", "docker run --rm busybox echo hello-e2e");
    await page.click("button[type=submit]");
    const output = page.getByTestId("output");
    await output.waitFor({ timeout: 400_000 });
    expect(await output.textContent()).toContain("hello-e2e");
    await page.screenshot({ path: join(ARTIFACTS, "runtime-ready.png") });
    const readyMs = await page.evaluate(
      () => (globalThis as { sandbox?: { readyMs: number } }).sandbox?.readyMs,
    );
    expect(readyMs).toBeGreaterThan(0);
    await page.close();
  });

  it("talks to the Engine API and a published port from the page through the worker", async () => {
    const { page } = await openReady();
    const result = await page.evaluate(async () => {
      const rt = (
        globalThis as unknown as {
          sandbox: { runtime: import("../../src/runtime/Runtime.ts").Runtime };
        }
      ).sandbox.runtime;
      const image = await rt.docker.inspectImage("busybox");
      await rt.exec(
        "docker run -d -p 8081:80 busybox sh -c 'mkdir /w && echo page-http > /w/index.html && httpd -f -p 80 -h /w'",
      );
      let body = "";
      for (let i = 0; i < 40 && !body.includes("page-http"); i++) {
        try {
          const s = await rt.connect(8081, { timeoutMs: 3000 });
          const chunks: string[] = [];
          s.onData((c) => chunks.push(new TextDecoder().decode(c)));
          const ended = new Promise<void>((r) => s.onEnd(r));
          s.write(new TextEncoder().encode("GET /index.html HTTP/1.0\r\n\r\n"));
          await Promise.race([ended, new Promise((r) => setTimeout(r, 5000))]);
          body = chunks.join("");
        } catch {
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      return { cmd: image.Config?.Cmd, body };
    });
    expect(result.cmd).toEqual(["sh"]);
    expect(result.body).toContain("page-http");
    await page.close();
  });

  it("gives a terminal whose typed docker commands run in the guest", async () => {
    const { page } = await openReady();
    const screenRows = () =>
      page.evaluate(() =>
        [...document.querySelectorAll(".xterm-rows > div")].map((r) => r.textContent?.trim() ?? ""),
      );
    // The login shell's prompt: typed-ahead text would otherwise land before it.
    await page.waitForFunction(
      () =>
        (document.querySelector(".xterm-rows")?.textContent ?? "").includes(
          "root@sandbox:/workspace#",
        ),
      undefined,
      { timeout: 60_000 },
    );
    await page.locator(".xterm-helper-textarea").focus();
    await page.keyboard.type("stty size; docker run --rm busybox echo hello-term\n");
    // Once in the echoed command line, once as the container's output.
    await page.waitForFunction(
      () =>
        (document.querySelector(".xterm-rows")?.textContent ?? "").split("hello-term").length >= 3,
      undefined,
      { timeout: 400_000 },
    );
    const lines = await screenRows();
    // stty answered with the fitted size: as many rows as the xterm shows.
    const size = lines.find((l) => /^\d+ \d+$/.test(l));
    expect(size?.split(" ")[0]).toBe(String(lines.length));
    expect(lines).toContain("hello-term");
    await page.screenshot({ path: join(ARTIFACTS, "terminal.png") });
    await page.close();
  });

  it("tells the learner what to do when the VM assets are missing", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}?vm=/no-vm-here/`);
    const status = page.locator('[data-status="failed"]');
    await status.waitFor({ timeout: 60_000 });
    expect(await status.textContent()).toMatch(/not built.*npm run vm:build/s);
    await page.close();
  });
});
