import type { CheckContext } from "../checks/CheckContext.ts";
import { isQuizStep, type CheckStep, type Lesson } from "../content/lesson.ts";
import type { Runtime } from "../runtime/Runtime.ts";
import { applyAcceptedAnswer, applySolution } from "./applySolution.ts";
import { checkChallengeStart } from "./challengeStart.ts";
import { checkContext } from "./checkContext.ts";
import { describeFailures, evaluateStep } from "./evaluateStep.ts";
import { startLesson } from "./lessonStart.ts";
import { currentStep } from "./stepSequence.ts";

/** One step of a self-test: what failed before its solution, and after it. */
export interface SelfTestStep {
  id: string;
  failedBefore: string[];
  failedAfter: string[];
  /** Each accepted answer (`accepts`) tried: what of the step failed after it (empty: accepted). */
  answers: { why: string; failed: string[] }[];
}

/** What a lesson's self-test found; `problems` is empty when the lesson is sound. */
export interface SelfTestReport {
  lesson: string;
  problems: string[];
  steps: SelfTestStep[];
  /**
   * Only for a challenge: each step's failed assertions in the start state,
   * by step id (empty: it passed there). See challengeStart.ts.
   */
  startFailed?: Record<string, string[]>;
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
 *   - after its solution (solution files, then commands) it must pass;
 *   - so must it after each of its accepted answers (`accepts`), each tried
 *     from the state saved just before the solution (tryAcceptedAnswers).
 * A challenge also has every step checked in the start state first
 * (challengeStart.ts).
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
  if (lesson.challenge) {
    const start = await checkChallengeStart(lesson, ctx, signal);
    report.startFailed = start.failed;
    report.problems.push(...start.problems);
  }
  const walked = new Set<string>();
  for (
    let step = currentStep(lesson, (s) => walked.has(s.id));
    step;
    step = currentStep(lesson, (s) => walked.has(s.id))
  ) {
    walked.add(step.id);
    // A quiz needs no sandbox, and the schema already checked its answers: walked, nothing to run.
    if (isQuizStep(step)) {
      report.steps.push({ id: step.id, failedBefore: [], failedAfter: [], answers: [] });
      continue;
    }
    const before = await evaluateStep(step, ctx, signal);
    const entry: SelfTestStep = {
      id: step.id,
      failedBefore: describeFailures(before),
      failedAfter: [],
      answers: [],
    };
    report.steps.push(entry);
    if (before.ok && !step.observe) {
      report.problems.push(
        walked.size === 1
          ? `step ${step.id} passes in the lesson's start state (mark it \`observe: true\` if it only asks the learner to look)`
          : `step ${step.id} passes as soon as the step before it passed, before its own solution ran`,
      );
    }
    if (step.accepts.length)
      await tryAcceptedAnswers(runtime, lesson, step, ctx, entry, report, signal);
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

/**
 * Try each of a step's accepted answers from the sandbox as it is now (just
 * before the step's solution): save the whole VM once, and for each answer
 * restore it, apply the answer and check the step. The sandbox is restored
 * once more at the end, so the solution runs where it would have. Restoring
 * a saved state takes seconds; replaying the lesson up to the step for each
 * answer took minutes.
 */
async function tryAcceptedAnswers(
  runtime: Runtime,
  lesson: Lesson,
  step: CheckStep,
  ctx: CheckContext,
  entry: SelfTestStep,
  report: SelfTestReport,
  signal?: AbortSignal,
): Promise<void> {
  const before = await runtime.saveState({ ...(signal ? { signal } : {}) });
  const restore = () => runtime.reset({ from: before, ...(signal ? { signal } : {}) });
  for (const answer of step.accepts) {
    await restore();
    try {
      await applyAcceptedAnswer(runtime, lesson, step, answer, signal);
    } catch (error) {
      report.problems.push(`step ${step.id}: ${(error as Error).message}`);
      continue;
    }
    // The context reaches the guest through the runtime, so it serves the restored VM too.
    const result = await evaluateStep(step, ctx, signal);
    const failed = describeFailures(result);
    entry.answers.push({ why: answer.why, failed });
    if (!result.ok)
      report.problems.push(
        `step ${step.id} rejects its accepted answer "${answer.why}": ${failed.join("; ")}`,
      );
  }
  await restore();
}
