import type { Page } from "playwright-core";
import { PROMPT, launchChromium, serveBuiltSite } from "./browser.ts";
import { median, spread } from "./stats.ts";
import { typeInTerminal, waitForTerminal } from "./terminalPage.ts";

export interface BrowserBench {
  /** Navigation → the terminal shows the prompt, assets in the HTTP cache (a returning visitor). */
  browserReadyMs: number;
  browserReadySpreadMs: [number, number];
  /** The same in a fresh browser profile: nothing cached, everything downloaded. */
  browserReadyColdMs: number;
  browserReadyColdSpreadMs: [number, number];
  /** Bytes the server sent for a fresh profile's visit up to the ready prompt (median). */
  firstVisitBytes: number;
  firstVisitSpreadBytes: [number, number];
  /**
   * The learner's first `docker run --rm busybox echo …` typed into the
   * terminal of a fresh profile, from Enter to its output, and the bytes
   * downloaded meanwhile (lazy disk the snapshot does not hold), medians.
   */
  browserFirstRunMs: number;
  browserFirstRunSpreadMs: [number, number];
  browserFirstRunBytes: number;
  /**
   * Where a cached load's time goes: ms since navigation at which each
   * start-up phase began (the app's `sandbox:*` performance marks), medians.
   * download → restore: fetching the state; restore → connect: decompressing
   * and loading it; connect → ready: agent hello and dockerd ping;
   * ready → prompt: the terminal's shell.
   */
  browserPhasesMs: Record<string, number>;
}

/**
 * Time from navigation to the ready prompt in headless Chromium against the
 * production build: `runs` fresh profiles, each loaded once cold (counting
 * the bytes the server sent) and once again from the HTTP cache.
 */
export async function benchBrowser(
  runs: number,
  log: (msg: string) => void,
): Promise<BrowserBench> {
  const site = await serveBuiltSite();
  const browser = await launchChromium();
  const cold: number[] = [];
  const cached: number[] = [];
  const bytes: number[] = [];
  const runMs: number[] = [];
  const runBytes: number[] = [];
  const phases: Record<string, number[]> = {};
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const loadOnce = async () => {
        const sentBefore = site.bytesSent();
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
        const marks = await page.evaluate(() =>
          Object.fromEntries(
            performance
              .getEntriesByType("mark")
              .filter((m) => m.name.startsWith("sandbox:"))
              .map((m) => [m.name.slice("sandbox:".length), Math.round(m.startTime)]),
          ),
        );
        return {
          ms: (await handle.jsonValue()) as number,
          bytes: site.bytesSent() - sentBefore,
          marks: marks as Record<string, number>,
        };
      };
      const first = await loadOnce();
      cold.push(first.ms);
      bytes.push(first.bytes);
      const run = await firstDockerRun(page, site.bytesSent, i);
      runMs.push(run.ms);
      runBytes.push(run.bytes);
      const again = await loadOnce();
      cached.push(again.ms);
      for (const [phase, at] of Object.entries({ ...again.marks, prompt: again.ms }))
        (phases[phase] ??= []).push(at);
      log(`browser ${i + 1}: cached load phases ${JSON.stringify(again.marks)}`);
      log(
        `browser ${i + 1}: ready ${cold.at(-1)} ms cold (${(first.bytes / 2 ** 20).toFixed(1)} MiB sent), ${cached.at(-1)} ms cached; first docker run ${run.ms} ms (${(run.bytes / 2 ** 20).toFixed(1)} MiB sent)`,
      );
      await context.close();
    }
  } finally {
    await browser.close();
    await site.close();
  }
  return {
    browserReadyMs: median(cached),
    browserReadySpreadMs: spread(cached),
    browserReadyColdMs: median(cold),
    browserReadyColdSpreadMs: spread(cold),
    firstVisitBytes: median(bytes),
    firstVisitSpreadBytes: spread(bytes),
    browserFirstRunMs: median(runMs),
    browserFirstRunSpreadMs: spread(runMs),
    browserFirstRunBytes: median(runBytes),
    browserPhasesMs: Object.fromEntries(
      Object.entries(phases).map(([phase, at]) => [phase, median(at)]),
    ),
  };
}

/** Type a first `docker run` into the page's terminal; time it to its output. */
async function firstDockerRun(
  page: Page,
  bytesSent: () => number,
  index: number,
): Promise<{ ms: number; bytes: number }> {
  const sentBefore = bytesSent();
  const started = Date.now();
  // The shell expands the marker, so the typed command line does not show it.
  await typeInTerminal(page, `docker run --rm busybox echo first-run-$((${index} + 1))\n`);
  await waitForTerminal(page, `first-run-${index + 1}`, 300_000);
  return { ms: Date.now() - started, bytes: bytesSent() - sentBefore };
}
