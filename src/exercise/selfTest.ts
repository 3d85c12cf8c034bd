import type { Lesson } from "../content/lesson.ts";
import type { Runtime } from "../runtime/Runtime.ts";
import { applySolution } from "./applySolution.ts";
import { checkContext } from "./checkContext.ts";
import { describeFailures, evaluateStep } from "./evaluateStep.ts";
import { startLesson } from "./lessonStart.ts";

/** One step of a self-test: what failed before its solution, and after it. */
export interface SelfTestStep {
  id: string;
  failedBefore: string[];
  failedAfter: string[];
}

/** What a lesson's self-test found; `problems` is empty when the lesson is sound. */
export interface SelfTestReport {
  lesson: string;
  problems: string[];
  steps: SelfTestStep[];
}

/**
 * A lesson tests itself against a real sandbox, walking it as a learner
 * would: from its start state (files/ + setup), for each step in order,
 *   - the step must fail before its solution (at the start for the first
 *     step; after the earlier steps' solutions for the others), else it
 *     would pass before the learner did anything;
 *   - after its solution (solution files, then commands) it must pass.
 */
export async function selfTestLesson(
  runtime: Runtime,
  lesson: Lesson,
  signal?: AbortSignal,
): Promise<SelfTestReport> {
  const ctx = checkContext(runtime, lesson.cwd);
  const report: SelfTestReport = { lesson: lesson.id, problems: [], steps: [] };
  try {
    await startLesson(runtime, lesson, signal);
  } catch (error) {
    report.problems.push(`start: ${(error as Error).message}`);
    return report;
  }
  for (const step of lesson.steps) {
    const before = await evaluateStep(step, ctx, signal);
    const entry: SelfTestStep = {
      id: step.id,
      failedBefore: describeFailures(before),
      failedAfter: [],
    };
    report.steps.push(entry);
    if (before.ok) report.problems.push(`step ${step.id} passes before its solution ran`);
    try {
      await applySolution(runtime, lesson, step, signal);
    } catch (error) {
      report.problems.push(`step ${step.id}: ${(error as Error).message}`);
      break;
    }
    const after = await evaluateStep(step, ctx, signal);
    entry.failedAfter = describeFailures(after);
    if (!after.ok)
      report.problems.push(
        `step ${step.id} fails after its solution: ${entry.failedAfter.join("; ")}`,
      );
  }
  return report;
}
