import type { CheckStep, Lesson } from "../content/lesson.ts";
import type { AppState } from "./AppState.svelte.ts";
import type { CheckState } from "./CheckState.svelte.ts";

/**
 * The open lesson as the lesson pane sees it: what to show and what the
 * learner can do with it. One object instead of a prop per field, so the full
 * app and the embedded widget hand the pane the same thing. It keeps nothing
 * of its own but whether a reset is running: the rest reads `AppState`.
 */
export class ActiveLesson {
  #resetting = $state(false);

  constructor(private readonly app: AppState) {}

  /** The open lesson; null when there are no lessons. */
  get lesson(): Lesson | null {
    return this.app.lessons.current;
  }
  get previous(): Lesson | null {
    return this.app.lessons.previous;
  }
  get next(): Lesson | null {
    return this.app.lessons.next;
  }
  get checks(): CheckState {
    return this.app.checks;
  }
  /** A terminal is open, so the lesson's Run buttons can type into it. */
  get canRun(): boolean {
    return this.app.sandbox.terminals.active?.status === "open";
  }
  /** The sandbox is ready: checks, Show me and Reset lesson can run. */
  get canAct(): boolean {
    return this.app.sandbox.ready;
  }
  /** Why the last lesson action (setup, reset, show me) failed, or null. */
  get error(): string | null {
    return this.app.lessonError;
  }
  /** An untrusted lesson whose commands the learner has not allowed yet: it runs nothing. */
  get needsConsent(): boolean {
    return this.app.consent.needs(this.lesson);
  }
  /** Reset lesson is running. */
  get resetting(): boolean {
    return this.#resetting;
  }

  /** A lesson's title by id (for prerequisites). */
  lessonTitle(id: string): string | undefined {
    return this.app.lessons.lessons.find((l) => l.id === id)?.title;
  }

  /** Type a command into the terminal. Returns false when no terminal is open. */
  run(command: string): boolean {
    return this.app.run(command);
  }

  /** Open another lesson (a history entry, like the lesson menu). */
  go(id: string): void {
    this.app.lessons.go(id);
  }

  /** Start the lesson over (files, setup, steps); `resetting` is true meanwhile. */
  async reset(): Promise<void> {
    this.#resetting = true;
    try {
      await this.app.resetLesson();
    } finally {
      this.#resetting = false;
    }
  }

  /** Write the step's solution files and type its commands. */
  showMe(step: CheckStep): Promise<void> {
    return this.app.showMe(step);
  }

  /** A workspace file's current text, or null (for Compare with solution). */
  readMine(path: string): Promise<string | null> {
    return this.app.readWorkspaceFile(path);
  }

  /** The learner allowed the untrusted lesson's commands, as the consent dialog listed them. */
  allow(): Promise<void> {
    return this.app.allowLessonCommands();
  }
}
