/**
 * Node with other V8 flags, for `npm run bench`: bench.ts starts this file in
 * a child process (`node <flags> --import tsx src/cli/benchNodeFlags.ts <runs>`)
 * and compares it with its own figures, so the choice of Node's flags rests on
 * a measurement in the same bench run. Prints one JSON line.
 */
import { nodeAssets } from "../runtime/node/nodeAssets.ts";
import { V86Runtime } from "../runtime/v86/V86Runtime.ts";
import { BUSY_LOOP, DOCKER_RUN, runChecked } from "./benchWorkloads.ts";
import { median, timeIt } from "./stats.ts";

const runs = Number(process.argv[2] ?? 5);
const runtime = new V86Runtime({ assets: nodeAssets() });
const restoreToReadyMs = await timeIt(() => runtime.start());
const check = (cmd: string) => runChecked(runtime, cmd, 300_000);
await check(BUSY_LOOP);
const busy: number[] = [];
for (let i = 0; i < 3; i++) busy.push(await timeIt(() => check(BUSY_LOOP)));
await check(DOCKER_RUN);
const run: number[] = [];
for (let i = 0; i < runs; i++) run.push(await timeIt(() => check(DOCKER_RUN)));
await runtime.dispose();
console.log(
  JSON.stringify({
    restoreToReadyMs,
    busyLoopMs: median(busy),
    dockerRunMedianMs: median(run),
    dockerRunMs: run,
  }),
);
process.exit(0);
