/**
 * The builders and Compose in `npm run bench` (issue 18): the 3-step build
 * with BuildKit (DOCKER_BUILDKIT=1; the CLI's default since Docker 23)
 * against the classic builder (DOCKER_BUILDKIT=0; the guest's default, as
 * these figures decided: docs/docker-engine.md), the friendlyhello app built
 * by each, and
 * `docker compose up -d` of friendlyhello (web + redis) with its images
 * present. Wall time and guest instructions: the instruction count is the
 * noise-free measure of work on a shared machine.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../runtime/node/nodeAssets.ts";
import type { V86Runtime } from "../runtime/v86/V86Runtime.ts";
import { BUILD_3_STEP, BUILD_FILES, runChecked } from "./benchWorkloads.ts";
import { measure, median, spread } from "./stats.ts";

export interface BuilderFigures {
  /** The 3-step build (`--no-cache`) by BuildKit (DOCKER_BUILDKIT=1), median ms and M guest instructions. */
  build3StepMs: number;
  build3StepSpreadMs: [number, number];
  build3StepMInstructions: number;
  /** The same build by the classic builder (DOCKER_BUILDKIT=0). */
  build3StepClassicMs: number;
  build3StepClassicSpreadMs: [number, number];
  build3StepClassicMInstructions: number;
  /** BuildKit's time over the classic builder's, 3-step build (issue 18: default if ≤ 1.5). */
  buildKitVsClassicRatio: number;
  /** friendlyhello (python:3-slim, pip install of wheels already in the image), `--no-cache`, one run each. */
  friendlyhelloBuildMs: number;
  friendlyhelloBuildClassicMs: number;
  friendlyhelloBuildMInstructions: number;
  friendlyhelloBuildClassicMInstructions: number;
  /** `docker compose up -d` of web (friendlyhello) + redis, images present, to both running. */
  composeUpMs: number;
  composeUpSpreadMs: [number, number];
  composeUpMInstructions: number;
  /** `docker compose down -v` of the same. */
  composeDownMs: number;
}

const COMPOSE_FILE = `services:
  web:
    image: friendlyhello
    ports: ["4000:80"]
  redis:
    image: redis
`;
// Both builders named explicitly, whichever the guest defaults to.
const BUILD_3_STEP_BUILDKIT = BUILD_3_STEP.replace(
  "docker build",
  "DOCKER_BUILDKIT=1 docker build",
);
const BUILD_3_STEP_CLASSIC = BUILD_3_STEP.replace("docker build", "DOCKER_BUILDKIT=0 docker build");
const FH_BUILD =
  "cd fh && DOCKER_BUILDKIT=1 docker build --no-cache -q -t friendlyhello . >/dev/null";
const FH_BUILD_CLASSIC = FH_BUILD.replace("DOCKER_BUILDKIT=1", "DOCKER_BUILDKIT=0");
const COMPOSE_UP =
  "cd fh && docker compose up -d --quiet-pull 2>/dev/null && " +
  'test "$(docker compose ps --status running -q | wc -l)" = 2';
const COMPOSE_DOWN = "cd fh && docker compose down -v 2>/dev/null";

type Measured = { ms: number; instructions: number };

/** Median ms, [min, max] ms and median M guest instructions of a sample. */
function summarize(out: Measured[]): { ms: number; spread: [number, number]; mi: number } {
  return {
    ms: median(out.map((m) => m.ms)),
    spread: spread(out.map((m) => m.ms)),
    mi: Math.round(median(out.map((m) => m.instructions)) / 1e6),
  };
}

/** Measure the builders and Compose in `runtime` (a ready sandbox; leaves images behind). */
export async function benchBuilders(
  runtime: V86Runtime,
  runs: number,
  log: (line: string) => void,
): Promise<BuilderFigures> {
  const check = (cmd: string) => runChecked(runtime, cmd, 900_000);
  const sample = async (cmd: string, n: number) => {
    const out: Measured[] = [];
    for (let i = 0; i < n; i++) out.push(await measure(runtime, () => check(cmd)));
    return summarize(out);
  };

  for (const [path, content] of Object.entries(BUILD_FILES)) await runtime.writeFile(path, content);
  // One unmeasured build each: the first reads the builder's code from the lazy disk.
  await check(BUILD_3_STEP_BUILDKIT);
  await check(BUILD_3_STEP_CLASSIC);
  const n = Math.max(3, Math.min(runs, 5));
  const buildKit = await sample(BUILD_3_STEP_BUILDKIT, n);
  const classic = await sample(BUILD_3_STEP_CLASSIC, n);
  log(
    `3-step build: BuildKit ${buildKit.ms} ms ${JSON.stringify(buildKit.spread)} (${buildKit.mi} M instructions), classic ${classic.ms} ms ${JSON.stringify(classic.spread)} (${classic.mi} M)`,
  );

  // The app as the lesson's learner builds it: its files, then its solved
  // Dockerfile (the lesson starts from a bare `FROM python:3-slim`).
  const lesson = join(REPO_ROOT, "lessons/05-friendlyhello/01-build-and-run");
  for (const part of ["files", "solution"]) {
    for (const name of readdirSync(join(lesson, part)))
      await runtime.writeFile(`fh/${name}`, readFileSync(join(lesson, part, name)));
  }
  const fhClassic = await sample(FH_BUILD_CLASSIC, 1);
  const fhBuildKit = await sample(FH_BUILD, 1);
  log(
    `friendlyhello build: BuildKit ${fhBuildKit.ms} ms (${fhBuildKit.mi} M), classic ${fhClassic.ms} ms (${fhClassic.mi} M)`,
  );

  await runtime.writeFile("fh/compose.yaml", COMPOSE_FILE);
  const ups: Measured[] = [];
  const downs: number[] = [];
  for (let i = 0; i < n; i++) {
    ups.push(await measure(runtime, () => check(COMPOSE_UP)));
    downs.push((await measure(runtime, () => check(COMPOSE_DOWN))).ms);
  }
  const up = summarize(ups);
  log(
    `compose up -d: ${ups.map((m) => m.ms).join(", ")} ms (${up.mi} M); down -v: ${downs.join(", ")} ms`,
  );

  return {
    build3StepMs: buildKit.ms,
    build3StepSpreadMs: buildKit.spread,
    build3StepMInstructions: buildKit.mi,
    build3StepClassicMs: classic.ms,
    build3StepClassicSpreadMs: classic.spread,
    build3StepClassicMInstructions: classic.mi,
    buildKitVsClassicRatio: Math.round((buildKit.ms / classic.ms) * 100) / 100,
    friendlyhelloBuildMs: fhBuildKit.ms,
    friendlyhelloBuildClassicMs: fhClassic.ms,
    friendlyhelloBuildMInstructions: fhBuildKit.mi,
    friendlyhelloBuildClassicMInstructions: fhClassic.mi,
    composeUpMs: up.ms,
    composeUpSpreadMs: up.spread,
    composeUpMInstructions: up.mi,
    composeDownMs: median(downs),
  };
}
