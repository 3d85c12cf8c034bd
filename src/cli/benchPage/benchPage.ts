/**
 * The browser half of `npm run bench`: asks the bench server what to run,
 * runs it in this page, and posts the result back. The browser is started
 * plainly, with no DevTools protocol session: an attached debugger slows
 * WebAssembly (docs/performance.md), so nothing timed here is observed
 * from outside.
 */
import { runAppScenario } from "./appScenario.ts";
import { runEmbedScenario } from "./embedScenario.ts";
import type { BenchPlan } from "./plan.ts";
import { post } from "./report.ts";
import { runWorkloads } from "./workloadScenario.ts";

async function main(): Promise<void> {
  const plan = (await (await fetch("/__bench/plan")).json()) as BenchPlan;
  const result =
    plan.kind === "app"
      ? await runAppScenario(plan.index, plan.prompt)
      : plan.kind === "embed"
        ? await runEmbedScenario(plan.lesson)
        : await runWorkloads(plan.workloads);
  await post("result", result);
}

main().catch((err: Error) => post("error", { message: err.message, stack: err.stack }));
