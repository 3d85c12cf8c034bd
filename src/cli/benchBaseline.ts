/**
 * The engine A/B in `npm run bench -- --baseline DIR` (issue 18): this VM
 * build against an earlier one (DIR: a VM build, e.g. the previous recipe's
 * in ~/.cache/docker-sandbox/vm/<hash>), in the same process, alternating
 * builds round by round so that a machine that slows down mid-run slows both.
 * Each round restores each build fresh, warms it with unmeasured runs and a
 * build, then measures two `docker run --rm busybox true` and one 3-step
 * build with each engine's default builder (the classic builder in both
 * guests). Guest instructions are the noise-free figure; wall times are
 * medians with their spread.
 */
import { nodeAssets, readManifest } from "../runtime/node/nodeAssets.ts";
import { V86Runtime } from "../runtime/v86/V86Runtime.ts";
import { BUILD_3_STEP, BUILD_FILES, DOCKER_RUN, runChecked } from "./benchWorkloads.ts";
import { measure, median, spread } from "./stats.ts";

export interface EngineFigures {
  dir: string;
  recipeHash: string;
  engineVersion: string;
  snapshotBytes: number;
  dockerRunMs: number;
  dockerRunSpreadMs: [number, number];
  dockerRunMInstructions: number;
  build3StepMs: number;
  build3StepSpreadMs: [number, number];
  build3StepMInstructions: number;
}

export interface BaselineFigures {
  current: EngineFigures;
  baseline: EngineFigures;
  /** 1 - current / baseline guest instructions per docker run (issue 18: ≥ 0.25). */
  dockerRunInstructionSaving: number;
}

interface Samples {
  version: string;
  run: { ms: number; instructions: number }[];
  build: { ms: number; instructions: number }[];
}

async function round(dir: string, into: Samples): Promise<void> {
  const runtime = new V86Runtime({ assets: nodeAssets(dir) });
  await runtime.start();
  try {
    const check = (cmd: string) => runChecked(runtime, cmd, 900_000);
    const version = await runtime.exec("docker version --format '{{.Server.Version}}'");
    into.version = new TextDecoder().decode(version.stdout).trim();
    for (const [path, content] of Object.entries(BUILD_FILES))
      await runtime.writeFile(path, content);
    // Unmeasured first: both read their code from the lazy disk. Docker 26
    // needs two runs to settle (its second took 428 M instructions, the
    // third and later 309-313 M; 2026-12-07), so two warm-up runs, then two
    // measured ones each round.
    await check(DOCKER_RUN);
    await check(DOCKER_RUN);
    await check(BUILD_3_STEP);
    for (let i = 0; i < 2; i++) into.run.push(await measure(runtime, () => check(DOCKER_RUN)));
    into.build.push(await measure(runtime, () => check(BUILD_3_STEP)));
  } finally {
    await runtime.dispose();
  }
}

function figures(dir: string, s: Samples): EngineFigures {
  const manifest = readManifest(dir);
  const mi = (xs: { instructions: number }[]) =>
    Math.round(median(xs.map((x) => x.instructions)) / 1e6);
  return {
    dir,
    recipeHash: manifest.recipeHash ?? "",
    engineVersion: s.version,
    snapshotBytes: manifest.files["state.bin.zst"].size,
    dockerRunMs: median(s.run.map((x) => x.ms)),
    dockerRunSpreadMs: spread(s.run.map((x) => x.ms)),
    dockerRunMInstructions: mi(s.run),
    build3StepMs: median(s.build.map((x) => x.ms)),
    build3StepSpreadMs: spread(s.build.map((x) => x.ms)),
    build3StepMInstructions: mi(s.build),
  };
}

/** Measure this build (currentDir) against baselineDir, `rounds` rounds each. */
export async function benchBaseline(
  currentDir: string,
  baselineDir: string,
  rounds: number,
  log: (line: string) => void,
): Promise<BaselineFigures> {
  // Fails here, before any run, when the baseline is not a usable VM build.
  nodeAssets(baselineDir);
  const current: Samples = { version: "", run: [], build: [] };
  const baseline: Samples = { version: "", run: [], build: [] };
  for (let i = 0; i < rounds; i++) {
    // Alternate which goes first, so neither always runs on a fresher process.
    const order: [string, Samples][] = [
      [currentDir, current],
      [baselineDir, baseline],
    ];
    if (i % 2) order.reverse();
    for (const [dir, into] of order) await round(dir, into);
    log(
      `A/B round ${i + 1}: docker run ${current.run.at(-1)!.ms} ms (${current.version}) / ${baseline.run.at(-1)!.ms} ms (${baseline.version}); ` +
        `3-step build ${current.build.at(-1)!.ms} / ${baseline.build.at(-1)!.ms} ms`,
    );
  }
  const a = figures(currentDir, current);
  const b = figures(baselineDir, baseline);
  return {
    current: a,
    baseline: b,
    dockerRunInstructionSaving:
      Math.round((1 - a.dockerRunMInstructions / b.dockerRunMInstructions) * 100) / 100,
  };
}
