import type { Lesson } from "../../content/lesson.ts";
import { describeFailures } from "../../exercise/evaluateStep.ts";
import type { CheckState } from "../../state/CheckState.svelte.ts";
import type { LessonInfo, StepInfo } from "../protocol.ts";

/** A lesson as the host page sees it: ids and titles, nothing it could run. */
export function lessonInfo(lesson: Lesson): LessonInfo {
  return {
    id: lesson.id,
    title: lesson.title,
    steps: lesson.steps.map((s) => ({ id: s.id, title: s.title })),
  };
}

/** Every step of `lesson` with its status now. */
export function stepInfos(lesson: Lesson, checks: CheckState): StepInfo[] {
  return lesson.steps.map((step, index) => {
    const result = checks.result(step);
    const message = checks.error(step) ?? (result ? describeFailures(result)[0] : undefined);
    return {
      lessonId: lesson.id,
      stepId: step.id,
      index,
      status: checks.status(step),
      ...(message ? { message } : {}),
    };
  });
}
