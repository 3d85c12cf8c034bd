/**
 * `npm run profile`: where a `docker run --rm busybox true` spends its guest
 * instructions, phase by phase, on the real VM. Each row runs one command
 * several times and reports the median of v86's instruction counter (the
 * noise-free measure of work) and of wall time. Rows build on each other:
 * the difference between two rows is the cost of the step the second adds.
 * Results go into docs/performance.md.
 */
import { nodeAssets } from "../runtime/node/nodeAssets.ts";
import { V86Runtime } from "../runtime/v86/V86Runtime.ts";
import { measure, median } from "./stats.ts";

const REPEAT = 5;

/** [label, command]: from the bare control channel up to a whole docker run. */
const PHASES: [string, string][] = [
  // Pure guest compute, no idle time: its rate is the emulator's speed here.
  ["busy loop: 100k shell iterations", "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done"],
  ["control channel: `true`", "true"],
  ["a static C process: busybox true", "busybox true"],
  ["a C program: crun --version", "crun --version >/dev/null"],
  ["Go: containerd-shim-runc-v2 -v", "containerd-shim-runc-v2 -v >/dev/null"],
  ["Go: docker --version (CLI start only)", "docker --version >/dev/null"],
  ["CLI + one API call: docker version", "docker version >/dev/null"],
  ["Go: dockerd --version (what the network setkey hook re-runs)", "dockerd --version >/dev/null"],
  ["docker create + docker rm", "docker rm $(docker create busybox true) >/dev/null"],
  [
    "docker create + docker start -a + docker rm",
    "c=$(docker create busybox true) && docker start -a $c && docker rm $c >/dev/null",
  ],
  ["docker run --rm busybox true", "docker run --rm busybox true"],
  ["docker run --rm --network none busybox true", "docker run --rm --network none busybox true"],
  // No network namespace, so no setkey hook and no veth pair.
  ["docker run --rm --network host busybox true", "docker run --rm --network host busybox true"],
];

async function main(): Promise<void> {
  const runtime = new V86Runtime({ assets: nodeAssets() });
  await runtime.start();
  const run = (cmd: string) =>
    measure(runtime, async () => {
      const r = await runtime.exec(cmd, { timeoutMs: 300_000 });
      if (r.exitCode !== 0) throw new Error(`${cmd} exited ${r.exitCode}`);
    });
  console.log("| phase | M guest instructions | ms | M instructions/s |\n|---|---|---|---|");
  for (const [label, cmd] of PHASES) {
    await run(cmd); // warm: page cache, lazy disk
    const samples = [];
    for (let i = 0; i < REPEAT; i++) samples.push(await run(cmd));
    const mi = median(samples.map((s) => s.instructions)) / 1e6;
    const ms = median(samples.map((s) => s.ms));
    console.log(`| ${label} | ${mi.toFixed(1)} | ${ms} | ${Math.round((mi * 1000) / ms)} |`);
  }
  await runtime.dispose();
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`profile: ${err.message}\n`);
    process.exit(1);
  },
);
