import type { Lesson } from "../content/lesson.ts";
import type { Runtime } from "../runtime/Runtime.ts";
import { applySolution } from "./applySolution.ts";
import { checkContext } from "./checkContext.ts";
import { describeFailures, evaluateStep } from "./evaluateStep.ts";
import { startLesson } from "./lessonStart.ts";
import { currentStep } from "./stepSequence.ts";

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
 * A lesson tests itself against a real sandbox, walking it by the rule the
 * app uses (stepSequence.ts: only the current step is checked, and a step is
 * reached once the steps before it passed), from its start state (files/ +
 * setup):
 *   - the current step must fail before its solution (for the first step that
 *     is the start state; for the others, right after the step before passed),
 *     else it would turn green before the learner did anything; a step marked
 *     `observe` (a pure observation) may already pass;
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
  const walked = new Set<string>();
  for (
    let step = currentStep(lesson, (s) => walked.has(s.id));
    step;
    step = currentStep(lesson, (s) => walked.has(s.id))
  ) {
    walked.add(step.id);
    const before = await evaluateStep(step, ctx, signal);
    const entry: SelfTestStep = {
      id: step.id,
      failedBefore: describeFailures(before),
      failedAfter: [],
    };
    report.steps.push(entry);
    if (before.ok && !step.observe) {
      report.problems.push(
        walked.size === 1
          ? `step ${step.id} passes in the lesson's start state (mark it \`observe: true\` if it only asks the learner to look)`
          : `step ${step.id} passes as soon as the step before it passed, before its own solution ran`,
      );
    }
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
