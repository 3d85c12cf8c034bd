import type { CheckStep, Lesson } from "../content/lesson.ts";
import type { AcceptedAnswer } from "../content/lessonSchema.ts";
import type { Runtime } from "../runtime/Runtime.ts";
import { runLessonCommands, SOLUTION_COMMAND_TIMEOUT_MS } from "./lessonStart.ts";

/**
 * Solve one step the way "Show me" does in the app and the self-test does
 * in CI: write the step's solution files into the workspace, then run its
 * solution commands in the lesson's cwd.
 */
export async function applySolution(
  runtime: Runtime,
  lesson: Lesson,
  step: CheckStep,
  signal?: AbortSignal,
): Promise<void> {
  await writeSolutionFiles(runtime, lesson, step);
  if (step.solution) {
    await runLessonCommands(
      runtime,
      lesson,
      `solution of step ${lesson.id}/${step.id}`,
      step.solution,
      signal,
      SOLUTION_COMMAND_TIMEOUT_MS,
    );
  }
}

/** Write the step's files from the lesson's solution/ into the workspace. */
export async function writeSolutionFiles(
  runtime: Runtime,
  lesson: Lesson,
  step: CheckStep,
): Promise<void> {
  for (const path of step.solutionFiles) {
    await runtime.writeFile(path, lesson.solutionFiles[path] ?? "");
  }
}

/** Apply one of a step's accepted answers the way a learner would: its files, then its commands. */
export async function applyAcceptedAnswer(
  runtime: Runtime,
  lesson: Lesson,
  step: CheckStep,
  answer: AcceptedAnswer,
  signal?: AbortSignal,
): Promise<void> {
  for (const [path, text] of Object.entries(answer.files)) await runtime.writeFile(path, text);
  if (answer.run) {
    await runLessonCommands(
      runtime,
      lesson,
      `accepted answer "${answer.why}" of step ${lesson.id}/${step.id}`,
      answer.run,
      signal,
      SOLUTION_COMMAND_TIMEOUT_MS,
    );
  }
}
