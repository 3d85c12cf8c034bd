import type { Lesson } from "../content/lesson.ts";
import type { Runtime } from "../runtime/Runtime.ts";
import { CLEAR_WORKSPACE } from "../runtime/workspace.ts";

const decoder = new TextDecoder();

/** A lesson's setup or solution command failed in the guest. */
export class LessonCommandError extends Error {
  override readonly name = "LessonCommandError";
  constructor(
    readonly what: string,
    readonly exitCode: number,
    readonly output: string,
  ) {
    super(`${what} failed with exit code ${exitCode}${output ? `: ${output.slice(-600)}` : ""}`);
  }
}

/** Setup and solution commands get this long: a build under emulation can take a minute. */
export const LESSON_COMMAND_TIMEOUT_MS = 600_000;

/**
 * A step's solution gets longer: the self-test runs solutions with another
 * emulator on the machine, and friendlyhello-share's `docker push` (dockerd
 * gzips the 150 MB image in the guest) took 368 s beside one other emulator
 * and ran past 600 s in the lessons suite (2026-12-07).
 */
export const SOLUTION_COMMAND_TIMEOUT_MS = 1_200_000;

/** Run a lesson's shell commands (setup or a step's solution) in its cwd; throw if they fail. */
export async function runLessonCommands(
  runtime: Runtime,
  lesson: Lesson,
  what: string,
  script: string,
  signal?: AbortSignal,
  timeoutMs = LESSON_COMMAND_TIMEOUT_MS,
): Promise<string> {
  // -e: stop at the first failing command, as a learner would.
  const result = await runtime.exec(`set -e\n${script}`, {
    cwd: lesson.cwd,
    timeoutMs,
    ...(signal ? { signal } : {}),
  });
  const output = decoder.decode(result.stdout) + decoder.decode(result.stderr);
  if (result.exitCode !== 0) throw new LessonCommandError(what, result.exitCode, output.trim());
  return output;
}

/**
 * Put a lesson's start state in place: /workspace holds exactly its files/
 * (what was there before is removed: the caller keeps the learner's copy),
 * the cwd exists, and its setup commands have run.
 */
export async function startLesson(
  runtime: Runtime,
  lesson: Lesson,
  signal?: AbortSignal,
): Promise<void> {
  await clearWorkspace(runtime, signal);
  for (const [path, text] of Object.entries(lesson.files)) await runtime.writeFile(path, text);
  await runtime.exec('mkdir -p -- "$1"', { args: [lesson.cwd], ...(signal ? { signal } : {}) });
  if (lesson.setup)
    await runLessonCommands(runtime, lesson, `setup of lesson ${lesson.id}`, lesson.setup, signal);
}

/** Empty /workspace (the folder itself stays: shells may be in it). */
export async function clearWorkspace(runtime: Runtime, signal?: AbortSignal): Promise<void> {
  const result = await runtime.exec(CLEAR_WORKSPACE, {
    cwd: "/",
    ...(signal ? { signal } : {}),
  });
  if (result.exitCode !== 0) {
    throw new Error(`cannot empty /workspace: ${decoder.decode(result.stderr).trim()}`);
  }
}
