/**
 * The commands the benchmark times, shared by its Node half (bench.ts) and its
 * browser half (benchPage/), so the two are compared run for run.
 */
import type { Runtime } from "../runtime/Runtime.ts";
import type { Workload } from "./benchPage/plan.ts";

/** Run a bench command; a failure stops the bench with the command's stderr (a timing of a failed command means nothing). */
export async function runChecked(
  runtime: Pick<Runtime, "exec">,
  command: string,
  timeoutMs = 600_000,
): Promise<void> {
  const r = await runtime.exec(command, { timeoutMs });
  if (r.exitCode !== 0) {
    throw new Error(
      `bench step failed (exit ${r.exitCode}): ${command}\n${new TextDecoder().decode(r.stderr)}`,
    );
  }
}

/** CPU-bound shell arithmetic: how fast the guest runs code v86 has already compiled. */
export const BUSY_LOOP = "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done";
export const DOCKER_VERSION = "docker version >/dev/null";
export const DOCKER_RUN = "docker run --rm busybox true";
/** Three instructions, one RUN: a container start and three commits. */
export const BUILD_3_STEP = "cd bench && docker build --no-cache -q -t bench3 . >/dev/null";
export const BUILD_FILES = {
  "bench/Dockerfile": 'FROM busybox\nRUN echo built > /built.txt\nCMD ["cat", "/built.txt"]\n',
};

/** The browser's workload plan; `runs` docker runs after one unmeasured warm-up. */
export function browserWorkloads(runs: number): Workload[] {
  return [
    { name: "busyLoop", command: BUSY_LOOP, warmup: 1, runs: 3 },
    { name: "dockerVersion", command: DOCKER_VERSION, warmup: 0, runs: 3 },
    { name: "dockerRun", command: DOCKER_RUN, warmup: 1, runs },
    { name: "build3Step", command: BUILD_3_STEP, warmup: 0, runs: 3, files: BUILD_FILES },
  ];
}
