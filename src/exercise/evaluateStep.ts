import type { CheckResult } from "../checks/assertionResult.ts";
import type { CheckContext } from "../checks/CheckContext.ts";
import { evaluateCheck } from "../checks/evaluateCheck.ts";
import type { CheckStep } from "../content/lesson.ts";

/** A step's outcome: passed when every check passed. */
export interface StepResult {
  ok: boolean;
  checks: CheckResult[];
}

/**
 * Evaluate all of a step's checks (in parallel: they are independent reads).
 * Rejects when facts could not be gathered (daemon unreachable) or on abort,
 * never for a learner's mistake: that is a failed assertion.
 */
export async function evaluateStep(
  step: CheckStep,
  ctx: CheckContext,
  signal?: AbortSignal,
): Promise<StepResult> {
  const checks = await Promise.all(step.checks.map((check) => evaluateCheck(check, ctx, signal)));
  return { ok: checks.every((check) => check.ok), checks };
}

/** The failed assertions of a result, one line each, for logs and test messages. */
export function describeFailures(result: StepResult): string[] {
  return result.checks.flatMap((check) =>
    check.assertions.filter((a) => !a.ok).map((a) => `${check.title}: ${a.message}`),
  );
}
