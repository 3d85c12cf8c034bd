import type { Lesson, Step } from "../content/lesson.ts";

/**
 * Steps are a sequence: a step can pass only after the steps before it
 * passed. The app checks only the current step (and, once it passes, the
 * next one), and the lesson self-test walks the same rule, so a step whose
 * check says "X is gone" cannot turn green just because the lesson's setup
 * removed X before the learner reached it.
 */
export function currentStep(lesson: Lesson, isPassed: (step: Step) => boolean): Step | null {
  return lesson.steps.find((step) => !isPassed(step)) ?? null;
}
