import { PROMPT, launchChromium, serveBuiltSite } from "./browser.ts";
import { median, spread } from "./stats.ts";

export interface BrowserBench {
  /** Navigation → the terminal shows the prompt, fresh browser profile (nothing cached). */
  browserReadyMs: number;
  browserReadySpreadMs: [number, number];
  /** The same after a reload (VM assets from the HTTP cache). */
  browserReadyCachedMs: number;
  browserReadyCachedSpreadMs: [number, number];
}

/**
 * Time from navigation to the ready prompt in headless Chromium against the
 * production build: `runs` fresh profiles, each loaded once cold and once
 * again from the HTTP cache.
 */
export async function benchBrowser(
  runs: number,
  log: (msg: string) => void,
): Promise<BrowserBench> {
  const site = await serveBuiltSite();
  const browser = await launchChromium();
  const cold: number[] = [];
  const cached: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const loadOnce = async () => {
        await page.goto(`${site.url}?fresh`);
        // Polled every frame in the page: the value is the page's own clock
        // (ms since navigation start) at the first frame showing the prompt.
        const handle = await page.waitForFunction(
          (prompt) =>
            (document.querySelector(".xterm-rows")?.textContent ?? "").includes(prompt) &&
            Math.round(performance.now()),
          PROMPT,
          { timeout: 300_000, polling: "raf" },
        );
        return (await handle.jsonValue()) as number;
      };
      cold.push(await loadOnce());
      cached.push(await loadOnce());
      log(`browser ${i + 1}: ready ${cold.at(-1)} ms cold, ${cached.at(-1)} ms cached`);
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return {
    browserReadyMs: median(cold),
    browserReadySpreadMs: spread(cold),
    browserReadyCachedMs: median(cached),
    browserReadyCachedSpreadMs: spread(cached),
  };
}
