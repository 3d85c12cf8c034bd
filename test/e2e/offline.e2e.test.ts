// Offline after one visit (issue 17, docs/offline.md): the built site in
// Chromium. One visit turns a cheap lesson step green (and once more after
// Reset lesson); then, with the network off, a reload still restores the VM
// (snapshot from the service worker's cache) and the same step, started over,
// runs to green again (its disk chunks come from the cache); back online,
// "Make available offline" keeps the whole course.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROMPT } from "../../src/cli/browser.ts";
import { terminalText, typeInTerminal, waitForTerminal } from "../../src/cli/terminalPage.ts";
import { recordConsole, useSiteAndChromium } from "./browser.ts";

const held = useSiteAndChromium();
const LESSON = "client-and-daemon";
const COMMAND =
  "clear; docker info --format 'driver={{.Driver}} runtime={{.DefaultRuntime}} containers={{.Containers}}' > engine.txt\n";

/** The VM cache's entries: how many disk chunks, and whether the snapshot is kept. */
function vmCache(page: Page): Promise<{ chunks: number; state: boolean }> {
  return page.evaluate(async () => {
    const name = (await caches.keys()).find((n) => /^sandbox-vm-(?!meta)/.test(n));
    if (!name) return { chunks: 0, state: false };
    const keys = await (await caches.open(name)).keys();
    return {
      chunks: keys.filter((k) => k.url.includes("disk.img?chunk=")).length,
      state: keys.some((k) => k.url.endsWith("/vm/state.bin.zst")),
    };
  });
}

describe("the app offline after one visit", () => {
  let context: BrowserContext;
  let page: Page;
  let log: string[];
  const step = (status = "") =>
    page.locator(`.step[data-step="engine-facts"]${status ? `[data-status="${status}"]` : ""}`);
  const ready = async () => {
    await page
      .waitForSelector('.status[data-status="ready"]', { timeout: 300_000 })
      .catch((err: Error) => {
        throw new Error(`${err.message}\npage console:\n${log.join("\n")}`);
      });
    await waitForTerminal(page, PROMPT);
  };

  // Start the step over (no file, no progress) and do it again in the terminal.
  const redoStep = async () => {
    await typeInTerminal(page, "clear; rm -f engine.txt\n");
    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "Reset lesson" }).click();
    await step().waitFor({ timeout: 60_000 });
    await page
      .waitForFunction(
        () =>
          document.querySelector('.step[data-step="engine-facts"]')?.getAttribute("data-status") !==
          "passed",
        undefined,
        { timeout: 120_000 },
      )
      .catch(explain);
    await typeInTerminal(page, COMMAND);
    await step("passed").waitFor({ timeout: 300_000 }).catch(explain);
  };
  // What the learner would see, and what the page logged, when a wait runs out.
  const explain = async (err: Error): Promise<never> => {
    const screen = (await terminalText(page)).join("\n");
    const lesson = await page
      .locator("main")
      .innerText()
      .catch(() => "");
    throw new Error(
      `${err.message}\nterminal:\n${screen}\npage:\n${lesson.slice(0, 2000)}\nconsole:\n${log.join("\n")}`,
    );
  };

  beforeAll(async () => {
    context = await held.browser.newContext({ viewport: { width: 1366, height: 800 } });
    page = await context.newPage();
    log = recordConsole(page);
    await page.goto(`${held.site.url}?lesson=${LESSON}&fresh`);
    await ready();
  });
  afterAll(() => context?.close());

  it("keeps the app, the snapshot and the disk chunks the visit read", async () => {
    await step().waitFor({ timeout: 60_000 });
    await typeInTerminal(page, COMMAND);
    await step("passed").waitFor({ timeout: 300_000 });
    // What the offline run will do, done once online: offline, only what was
    // read is there (a command never run reads binaries never fetched).
    await redoStep();
    // The page and its VM worker were controlled from the first visit on.
    expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    // The snapshot the worker fetched before the service worker took over is
    // kept once the sandbox has started (registerServiceWorker.ts).
    await page.waitForFunction(
      async () => {
        const name = (await caches.keys()).find((n) => /^sandbox-vm-(?!meta)/.test(n));
        return !!name && !!(await (await caches.open(name)).match("/vm/state.bin.zst"));
      },
      undefined,
      { timeout: 120_000, polling: 1000 },
    );
    expect((await vmCache(page)).chunks).toBeGreaterThan(0);
  });

  it("offline, a reload restores the VM from the cache to a ready terminal", async () => {
    await context.setOffline(true);
    // The network is really gone for the service worker too: a chunk no one read fails.
    const farChunk = await page.evaluate(() =>
      fetch("/vm/disk.img", { headers: { Range: "bytes=2621440000-2621702143" } }).then(
        (r) => r.status,
        () => "failed",
      ),
    );
    expect(farChunk).toBe("failed");
    await page.reload();
    await ready();
  });

  // TODO(issue 17): unskip when one visit keeps the chunks a restored sandbox
  // may read. Measured 2026-12-06: the service worker controlled the page
  // after 2.3 s, yet offline, Reset lesson in the restored kept sandbox
  // waited on disk chunks (v86 retries a failed read for ever). Under Node,
  // the same steps in a sandbox restored from a save read 4 chunks of
  // /usr/bin/docker that the original session never fetched (its text pages
  // were in the ready snapshot's page cache): the guest does not run the same
  // code the same way twice, so one visit's chunks are not always enough.
  // Since then the app keeps the chapter being taken in the background
  // (ChapterKeeper, recorded from a cold cache). Run 2026-12-06 15:00 with the
  // keeper waiting for an idle guest (3 M instructions/s, no cap then): no
  // "[offline] chapter basics kept" within 300 s of the first test, so the
  // step waited on chunks again. The wait is now capped at 20 s per request:
  // unskip once a run shows the keep line and this step passing together.
  it.skip("offline, the same step, started over, runs to green again", async () => {
    await redoStep();
  });

  it("back online, Make available offline keeps the whole course and says how much", async () => {
    await context.setOffline(false);
    await page.locator("summary", { hasText: "Offline" }).click();
    await page.getByRole("button", { name: "Make available offline" }).click();
    const done = page.locator('[data-offline-status="done"]');
    await done.waitFor({ timeout: 480_000 });
    expect(await done.textContent()).toMatch(/^Available offline: \d+ MB\./);
    expect((await vmCache(page)).chunks).toBeGreaterThan(100);
  });
});
