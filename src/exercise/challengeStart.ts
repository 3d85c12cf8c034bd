import type { CheckContext } from "../checks/CheckContext.ts";
import { isQuizStep, type Lesson } from "../content/lesson.ts";
import { describeFailures, evaluateStep } from "./evaluateStep.ts";

/** What {@link checkChallengeStart} found. */
export interface ChallengeStart {
  /** Each step with checks → its failed assertions in the start state (empty: it passed). */
  failed: Record<string, string[]>;
  /** One per step that passes in the start state and is not `observe`. */
  problems: string[];
}

/**
 * A challenge states every goal up front and shows no commands, so each
 * step's checks must tell "done" from "nothing done yet" on their own: every
 * step (not only the first, which the self-test's walk covers) is evaluated
 * in the lesson's start state, and one that already passes would be got for
 * free. A step marked `observe` may pass; a step without checks (a quiz) has
 * nothing to evaluate. Call it right after startLesson.
 */
export async function checkChallengeStart(
  lesson: Lesson,
  ctx: CheckContext,
  signal?: AbortSignal,
): Promise<ChallengeStart> {
  const start: ChallengeStart = { failed: {}, problems: [] };
  for (const step of lesson.steps) {
    if (isQuizStep(step)) continue;
    const result = await evaluateStep(step, ctx, signal);
    start.failed[step.id] = describeFailures(result);
    if (result.ok && !step.observe) {
      start.problems.push(
        `challenge step ${step.id} passes in the start state: a learner would get it for free ` +
          "(make its checks need what the step asks for, or mark it `observe: true` if it only " +
          "asks the learner to look)",
      );
    }
  }
  return start;
}
