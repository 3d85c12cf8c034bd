// Offline after one visit (issue 17, docs/offline.md): the built site in
// Chromium. One visit turns a cheap lesson step green (and once more after
// Reset lesson); then, with the network off, a reload still restores the VM
// (snapshot from the service worker's cache) and the same step, started over,
// runs to green again (its disk chunks come from the cache), while a command
// reading what no lesson reads says it waits for the network; back online, it
// goes on, and "Make available offline" keeps the whole course.
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
    await waitForTerminal(page, PROMPT).catch(explain);
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
        // Offline, the restored sandbox reads Reset's programs from the cache.
        { timeout: 300_000 },
      )
      .catch(explain);
    await typeInTerminal(page, COMMAND);
    await step("passed").waitFor({ timeout: 300_000 }).catch(explain);
  };
  // The first console line matching `pattern`, waited for (polling the log).
  const waitForLine = async (pattern: RegExp, timeout: number): Promise<string> => {
    for (const until = Date.now() + timeout; Date.now() < until;) {
      const line = log.find((l) => pattern.test(l));
      if (line) return line;
      await new Promise((r) => setTimeout(r, 1000));
    }
    return explain(new Error(`no console line like ${pattern} in ${timeout / 1000} s`));
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
    // The chapter being taken is kept in the background (ChapterKeeper, from
    // the VM build's vm/offline.json, which the lessons suite records): what a
    // sandbox restored from a save reads again, though this visit never did.
    const kept = await waitForLine(/^\[info\] \[offline\] chapter basics (kept|not kept)/, 900_000);
    expect(kept).toMatch(/chapter basics kept for offline use/);
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

  // The reload restored the sandbox kept after the step passed; its page
  // cache was dropped by the save, so it reads programs again, from the
  // chunks the keeper kept.
  it("offline, the same step, started over, runs to green again", async () => {
    await redoStep();
  });

  it("offline, a command that needs a part of the disk never kept says it waits for the network", async () => {
    // Files no lesson reads: their chunks were neither fetched nor kept.
    await typeInTerminal(
      page,
      "clear; cat /usr/share/zoneinfo/Asia/* /usr/share/zoneinfo/Pacific/* >/dev/null; echo read-$((6*7))\n",
    );
    await page.locator("[data-disk-wait]").waitFor({ timeout: 120_000 }).catch(explain);
    // The console names the missing range, for whoever tracks down a gap in a recording.
    await waitForLine(/^\[warning\] \[offline\] the guest waits for disk bytes=\d+-\d+/, 30_000);
  });

  it("back online, Make available offline keeps the whole course and says how much", async () => {
    await context.setOffline(false);
    // The waiting command goes on by itself (v86 tries again, at most 34 s apart).
    await waitForTerminal(page, "read-42", 180_000).catch(explain);
    await page.locator("[data-disk-wait]").waitFor({ state: "detached", timeout: 60_000 });
    await page.locator("summary", { hasText: "Offline" }).click();
    await page.getByRole("button", { name: "Make available offline" }).click();
    const done = page.locator('[data-offline-status="done"]');
    await done.waitFor({ timeout: 480_000 });
    expect(await done.textContent()).toMatch(/^Available offline: \d+ MB\./);
    expect((await vmCache(page)).chunks).toBeGreaterThan(100);
  });
});
