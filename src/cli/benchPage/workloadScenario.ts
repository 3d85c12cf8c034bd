/**
 * Commands run through the runtime's exec in this page, exactly as the Node
 * bench runs them through V86Runtime: same snapshot, same commands, so the
 * two can be compared run for run.
 */
import { WorkerRuntime } from "../../runtime/worker/WorkerRuntime.ts";
import { jitDelta } from "../../runtime/v86/blockCompiler.ts";
import { runChecked } from "../benchWorkloads.ts";
import type { Workload, WorkloadReport } from "./plan.ts";
import { log } from "./report.ts";

export async function runWorkloads(workloads: Workload[]): Promise<WorkloadReport> {
  const runtime = new WorkerRuntime({ assetsBase: "/vm/" });
  const report: WorkloadReport = {};
  try {
    const t0 = performance.now();
    await runtime.start();
    log(`sandbox ready in ${Math.round(performance.now() - t0)} ms`);
    for (const w of workloads) {
      for (const [path, content] of Object.entries(w.files ?? {}))
        await runtime.writeFile(path, content);
      const r = (report[w.name] = { ms: [] as number[], jit: [] as WorkloadReport[string]["jit"] });
      for (let i = 0; i < w.warmup + w.runs; i++) {
        const before = await runtime.jitCounters();
        const t = performance.now();
        await runChecked(runtime, w.command);
        const ms = Math.round(performance.now() - t);
        const after = await runtime.jitCounters();
        if (i < w.warmup) {
          log(`${w.name}: warm-up ${ms} ms`);
          continue;
        }
        r.ms.push(ms);
        r.jit.push(jitDelta(before, after));
        log(`${w.name}: ${ms} ms ${JSON.stringify(r.jit.at(-1))}`);
      }
    }
  } finally {
    await runtime.dispose();
  }
  return report;
}
