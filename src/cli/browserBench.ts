/**
 * The browser half of `npm run bench`, with no debugger attached: each
 * scenario runs in a plainly started browser (plainBrowser.ts) on a page that
 * times itself and posts the figures back (benchPage/, benchServer.ts).
 *
 * - The app: `runs` fresh Chromium profiles, each loading the production app
 *   once cold and once from the HTTP cache, with a first `docker run` typed
 *   into its terminal in between.
 * - Workloads: the same commands the Node bench runs (benchWorkloads.ts),
 *   through the runtime's exec in one page, in Chromium and, when installed,
 *   Firefox.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { PROMPT } from "./browser.ts";
import type { AppReport, EmbedReport, WorkloadReport } from "./benchPage/plan.ts";
import { serveBenchSite, type BenchSite } from "./benchServer.ts";
import { browserWorkloads } from "./benchWorkloads.ts";
import { browserVersion, hasBrowser, type BrowserName } from "./plainBrowser.ts";
import { median, spread } from "./stats.ts";

/** The app's figures: loads and a first docker run in fresh Chromium profiles. */
export interface AppFigures {
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
   * terminal right after a fresh profile's first load, from Enter to its
   * output, and the bytes downloaded meanwhile (lazy disk), medians.
   */
  browserFirstRunMs: number;
  browserFirstRunSpreadMs: [number, number];
  browserFirstRunBytes: number;
  /**
   * Where a cached load's time goes: ms since navigation at which each
   * start-up phase began (the app's `sandbox:*` performance marks), medians.
   */
  browserPhasesMs: Record<string, number>;
  /** Sandbox → Save sandbox until saved in IndexedDB, after the first run (budget 5000 ms). */
  browserSandboxSaveMs: number;
  browserSandboxSaveSpreadMs: [number, number];
  /** The page's longest frame during that save: the terminal does not freeze (median). */
  browserSandboxSaveLongestFrameMs: number;
  /** Navigation → prompt when the kept sandbox is restored (compare browserReadyMs). */
  browserSandboxRestoreMs: number;
  browserSandboxRestoreSpreadMs: [number, number];
}

/** The embed widget on a host page of another origin, in fresh Chromium profiles. */
export interface EmbedFigures {
  /** The loader a host page loads (embed.js), gzipped: budget 10 KB. */
  embedLoaderBytes: number;
  /** Bytes the sandbox's site sent for a click-mode widget before Start (median): budget 200 KB. */
  embedBytesBeforeStart: number;
  /** Start → the widget's prompt, HTTP cache warm (median): budget within 20% of browserReadyMs. */
  embedClickToPromptMs: number;
  embedClickToPromptSpreadMs: [number, number];
  /** The same with nothing cached. */
  embedClickToPromptColdMs: number;
  embedClickToPromptColdSpreadMs: [number, number];
}

/** The workloads in one browser, through the runtime's exec. */
export interface WorkloadFigures {
  /** Name and version, e.g. "Chromium 150.0.7871.100". */
  browser: string;
  busyLoopMs: number;
  busyLoopSpreadMs: [number, number];
  dockerVersionMs: number;
  dockerRunMedianMs: number;
  dockerRunSpreadMs: [number, number];
  /** Blocks v86 compiled per measured docker run (median). */
  jitBlocksPerRun: number;
  build3StepMs: number;
  build3StepSpreadMs: [number, number];
}

/** Chromium's workload figures as top-level bench fields: dockerRunMedianMs → browserDockerRunMedianMs. */
type ChromiumFigures = {
  [K in Exclude<keyof WorkloadFigures, "browser"> as `browser${Capitalize<K>}`]: WorkloadFigures[K];
};

export type BrowserBench = AppFigures &
  EmbedFigures &
  ChromiumFigures & {
    /** The Chromium that ran the workloads. */
    browser: string;
    /** The same workloads in Firefox, when it is installed (null otherwise). */
    firefox: WorkloadFigures | null;
  };

export async function benchBrowser(
  runs: number,
  dockerRuns: number,
  log: (msg: string) => void,
): Promise<BrowserBench> {
  const site = await serveBenchSite(log);
  try {
    const app = await benchApp(site, runs, log);
    const embed = await benchEmbed(site, runs, log);
    const chromium = await benchWorkloads(site, "chromium", dockerRuns, log);
    const firefox = hasBrowser("firefox")
      ? await benchWorkloads(site, "firefox", dockerRuns, log)
      : (log("Firefox is not installed: its workloads are skipped"), null);
    const { browser, ...figures } = chromium;
    const prefixed = Object.fromEntries(
      Object.entries(figures).map(([k, v]) => [`browser${k[0]!.toUpperCase()}${k.slice(1)}`, v]),
    ) as ChromiumFigures;
    return { ...app, ...embed, ...prefixed, browser, firefox };
  } finally {
    await site.close();
  }
}

async function benchApp(
  site: BenchSite,
  runs: number,
  log: (msg: string) => void,
): Promise<AppFigures> {
  const cold: number[] = [];
  const cached: number[] = [];
  const bytes: number[] = [];
  const runMs: number[] = [];
  const runBytes: number[] = [];
  const phases: Record<string, number[]> = {};
  const saves: number[] = [];
  const saveFrames: number[] = [];
  const restores: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const { result: r, bytesAtMark: at } = await site.run<AppReport>(
      "chromium",
      { kind: "app", index: i, prompt: PROMPT },
      900_000,
    );
    cold.push(r.coldReadyMs);
    cached.push(r.cachedReadyMs);
    runMs.push(r.firstRunMs);
    saves.push(r.sandboxSaveMs);
    saveFrames.push(r.sandboxSaveLongestFrameMs);
    restores.push(r.sandboxRestoreReadyMs);
    bytes.push(at["cold-ready"]! - at["cold-start"]!);
    runBytes.push(at["first-run-done"]! - at["cold-ready"]!);
    for (const [phase, ms] of Object.entries({ ...r.cachedMarks, prompt: r.cachedReadyMs }))
      (phases[phase] ??= []).push(ms);
    log(
      `app ${i}: ready ${r.coldReadyMs} ms cold (${(bytes.at(-1)! / 2 ** 20).toFixed(1)} MiB sent), ` +
        `${r.cachedReadyMs} ms cached; first docker run ${r.firstRunMs} ms (${(runBytes.at(-1)! / 2 ** 20).toFixed(1)} MiB sent); ` +
        `save sandbox ${r.sandboxSaveMs} ms (longest frame ${r.sandboxSaveLongestFrameMs} ms), restored load ${r.sandboxRestoreReadyMs} ms`,
    );
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
    browserSandboxSaveMs: median(saves),
    browserSandboxSaveSpreadMs: spread(saves),
    browserSandboxSaveLongestFrameMs: median(saveFrames),
    browserSandboxRestoreMs: median(restores),
    browserSandboxRestoreSpreadMs: spread(restores),
  };
}

async function benchEmbed(
  site: BenchSite,
  runs: number,
  log: (msg: string) => void,
): Promise<EmbedFigures> {
  const loader = readFileSync(join(site.outDir, "embed.js"));
  const cold: number[] = [];
  const cached: number[] = [];
  const before: number[] = [];
  for (let i = 1; i <= runs; i++) {
    const { result: r, bytesAtMark: at } = await site.run<EmbedReport>(
      "chromium",
      { kind: "embed", lesson: "welcome" },
      900_000,
    );
    cold.push(r.coldClickToPromptMs);
    cached.push(r.clickToPromptMs);
    before.push(at["embed-before-start"]! - at["embed-start"]!);
    log(
      `embed ${i}: ${(before.at(-1)! / 1024).toFixed(0)} KiB before Start; Start → prompt ` +
        `${r.coldClickToPromptMs} ms cold, ${r.clickToPromptMs} ms cached`,
    );
  }
  return {
    embedLoaderBytes: gzipSync(loader, { level: 9 }).length,
    embedBytesBeforeStart: median(before),
    embedClickToPromptMs: median(cached),
    embedClickToPromptSpreadMs: spread(cached),
    embedClickToPromptColdMs: median(cold),
    embedClickToPromptColdSpreadMs: spread(cold),
  };
}

async function benchWorkloads(
  site: BenchSite,
  browser: BrowserName,
  dockerRuns: number,
  log: (msg: string) => void,
): Promise<WorkloadFigures> {
  log(`${browser}: workloads`);
  const { result: w } = await site.run<WorkloadReport>(
    browser,
    { kind: "workloads", workloads: browserWorkloads(dockerRuns) },
    2_400_000,
  );
  const ms = (name: string) => w[name]?.ms ?? [];
  const blocks = (w.dockerRun?.jit ?? []).map((j) => j?.blocks ?? NaN);
  return {
    browser: browserVersion(browser),
    busyLoopMs: median(ms("busyLoop")),
    busyLoopSpreadMs: spread(ms("busyLoop")),
    dockerVersionMs: median(ms("dockerVersion")),
    dockerRunMedianMs: median(ms("dockerRun")),
    dockerRunSpreadMs: spread(ms("dockerRun")),
    jitBlocksPerRun: median(blocks),
    build3StepMs: median(ms("build3Step")),
    build3StepSpreadMs: spread(ms("build3Step")),
  };
}
