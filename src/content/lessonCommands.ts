import { kindOf } from "../checks/checkKinds.ts";
import { isQuizStep, type Lesson, type Step } from "./lesson.ts";

/** Something a lesson runs in the sandbox by itself, shown to the learner before it may. */
export interface LessonCommand {
  /** What runs it, e.g. "Setup" or `Check of "Start the web server"`. */
  what: string;
  /** The shell script, or what the check does. */
  script: string;
}

/**
 * Everything a lesson would run in the sandbox without a click: its setup,
 * its command checks and its registry checks (which query a registry from
 * inside the guest). Run buttons and "Show me" type into the learner's
 * terminal, in view, so they are not listed; a quiz step runs nothing.
 */
export function lessonCommands(lesson: Lesson): LessonCommand[] {
  const commands: LessonCommand[] = [];
  if (lesson.setup) commands.push({ what: "Setup, when the lesson opens", script: lesson.setup });
  for (const step of lesson.steps) {
    if (isQuizStep(step)) continue;
    for (const check of step.checks) {
      const script = kindOf(check).runsInGuest?.(check);
      if (script !== undefined) commands.push({ what: `Check of “${step.title}”`, script });
    }
  }
  return commands;
}

/** Whether a step's checks run something in the sandbox (see lessonCommands); a quiz's never. */
export function stepRunsCommands(step: Step): boolean {
  return !isQuizStep(step) && step.checks.some((check) => kindOf(check).runsInGuest !== undefined);
}
