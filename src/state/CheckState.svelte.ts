import type { CheckContext } from "../checks/CheckContext.ts";
import { rerunTriggers } from "../checks/rerunTriggers.ts";
import type { Lesson, Step } from "../content/lesson.ts";
import { checkContext } from "../exercise/checkContext.ts";
import { evaluateStep, type StepResult } from "../exercise/evaluateStep.ts";
import type { EventSubscription } from "../runtime/docker/DockerClient.ts";
import type { Runtime } from "../runtime/Runtime.ts";
import {
  emptyProgress,
  mergeProgress,
  parseProgressFile,
  type Progress,
  type ProgressStore,
} from "./progressStore.ts";

/** Where a step stands for the learner. */
export type StepStatus = "pending" | "checking" | "passed" | "failed" | "error";

interface Live {
  result: StepResult | null;
  error: string | null;
  checking: boolean;
}

export interface CheckOptions {
  /** Quiet time after the last trigger (Docker event, workspace save) before checks run. */
  debounceMs?: number;
}

/**
 * The current lesson's steps and the learner's progress. Checks run by
 * themselves, debounced, when something they look at may have changed: a
 * Docker event of a type they depend on, or a change in the workspace. A
 * newer run aborts an older one, so a result shown is never stale. A step
 * that passed once stays passed (it is recorded in the progress), so undoing
 * its work later, as the next step may ask, does not take it back.
 */
export class CheckState {
  #lesson = $state.raw<Lesson | null>(null);
  #live = $state<Record<string, Live>>({});
  #progress = $state<Progress>(emptyProgress());
  #hintsShown = $state<Record<string, number>>({});
  #runtime: Runtime | null = null;
  #ctx: CheckContext | null = null;
  #events: EventSubscription | null = null;
  #eventsAbort: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #running: AbortController | null = null;
  readonly #debounceMs: number;
  /** Called when a step passes for the first time. */
  onPassed: ((lesson: Lesson, step: Step) => void) | null = null;

  constructor(
    private readonly store: ProgressStore | null,
    options: CheckOptions = {},
  ) {
    this.#debounceMs = options.debounceMs ?? 400;
  }

  /** Read the saved progress (call once at start). */
  async load(): Promise<void> {
    if (this.store) this.#progress = await this.store.load();
  }

  get lesson(): Lesson | null {
    return this.#lesson;
  }
  get progress(): Progress {
    return this.#progress;
  }

  /** Show `lesson`'s steps and check them (when a sandbox is attached). */
  setLesson(lesson: Lesson | null): void {
    this.#lesson = lesson;
    this.#live = {};
    this.#running?.abort();
    this.#ctx = this.#runtime && lesson ? checkContext(this.#runtime, lesson.cwd) : null;
    this.schedule();
  }

  /** Check against this sandbox, and follow its Docker events. */
  async attach(runtime: Runtime): Promise<void> {
    this.detach();
    this.#runtime = runtime;
    this.#ctx = this.#lesson ? checkContext(runtime, this.#lesson.cwd) : null;
    const abort = new AbortController();
    this.#eventsAbort = abort;
    try {
      const events = await runtime.docker.events({ signal: abort.signal }, (event) => {
        if (this.#wantsEvent(event.Type)) this.schedule();
      });
      if (abort.signal.aborted) events.close();
      else this.#events = events;
    } catch {
      // Without events, checks still run on workspace changes and on "Check".
    }
    this.schedule();
  }

  /** The sandbox is going away: stop checking against it. */
  detach(): void {
    this.#eventsAbort?.abort();
    this.#events?.close();
    this.#events = null;
    this.#running?.abort();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#runtime = null;
    this.#ctx = null;
  }

  /** The workspace changed (a save, or files changed in the terminal). */
  noticeWorkspaceChange(): void {
    const kinds = this.#pendingSteps().flatMap((s) => s.checks.map((c) => c.kind));
    if (kinds.includes("file") || kinds.includes("command")) this.schedule();
  }

  /** Run the checks after the debounce (restarting it). */
  schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.checkNow(), this.#debounceMs);
  }

  /** Run the checks of every step not passed yet, now (the "Check" button). */
  async checkNow(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const lesson = this.#lesson;
    const ctx = this.#ctx;
    if (!lesson || !ctx) return;
    this.#running?.abort();
    const run = new AbortController();
    this.#running = run;
    const steps = this.#pendingSteps();
    for (const step of steps) this.#liveOf(step.id).checking = true;
    await Promise.all(
      steps.map(async (step) => {
        try {
          const result = await evaluateStep(step, ctx, run.signal);
          if (run.signal.aborted) return;
          this.#live[step.id] = { result, error: null, checking: false };
          if (result.ok) this.#markPassed(lesson, step);
        } catch (error) {
          if (run.signal.aborted) return;
          this.#live[step.id] = {
            result: null,
            error: `The check could not run: ${(error as Error).message}`,
            checking: false,
          };
        }
      }),
    );
    if (this.#running === run) this.#running = null;
  }

  status(step: Step): StepStatus {
    if (this.passedAt(step)) return "passed";
    const live = this.#live[step.id];
    if (!live) return "pending";
    if (live.checking) return "checking";
    if (live.error) return "error";
    return live.result ? (live.result.ok ? "passed" : "failed") : "pending";
  }
  /** The latest result of a step's checks (null before the first run). */
  result(step: Step): StepResult | null {
    return this.#live[step.id]?.result ?? null;
  }
  error(step: Step): string | null {
    return this.#live[step.id]?.error ?? null;
  }
  passedAt(step: Step, lessonId = this.#lesson?.id): string | null {
    if (!lessonId) return null;
    return this.#progress.lessons[lessonId]?.steps[step.id]?.passedAt ?? null;
  }
  /** How many of a lesson's steps passed. */
  passedCount(lesson: Lesson): number {
    const steps = this.#progress.lessons[lesson.id]?.steps ?? {};
    return lesson.steps.filter((s) => steps[s.id]).length;
  }
  /** The first step not passed yet: where the learner is. */
  get currentStep(): Step | null {
    return this.#pendingSteps()[0] ?? null;
  }

  /** Hints revealed so far for a step (they are revealed one at a time). */
  hintsShown(step: Step): number {
    return this.#hintsShown[step.id] ?? 0;
  }
  revealHint(step: Step): void {
    this.#hintsShown[step.id] = Math.min(step.hints.length, this.hintsShown(step) + 1);
  }

  /** Reset lesson: its steps count as not done again. */
  async forgetLesson(lessonId: string): Promise<void> {
    const next = structuredClone($state.snapshot(this.#progress));
    delete next.lessons[lessonId];
    await this.#save(next, (store) => store.forget(lessonId));
    if (this.#lesson?.id === lessonId) {
      this.#live = {};
      this.#hintsShown = {};
      this.schedule();
    }
  }

  /** The progress as a file's text (for download). */
  exportProgress(): string {
    return JSON.stringify($state.snapshot(this.#progress), null, 2) + "\n";
  }

  /**
   * Merge a progress file into this browser's progress.
   * @throws {ProgressFileError} saying what is wrong with the file; nothing changes then.
   */
  async importProgress(text: string): Promise<void> {
    const imported = parseProgressFile(text);
    await this.#save(mergeProgress($state.snapshot(this.#progress), imported), (store) =>
      store.merge(imported),
    );
  }

  /** Progress could not be kept in this browser (quota, private window): why, for the learner. */
  get storageError(): string | null {
    return this.#storageError;
  }

  dispose(): void {
    this.detach();
  }

  #pendingSteps(): Step[] {
    const lesson = this.#lesson;
    return lesson ? lesson.steps.filter((step) => !this.passedAt(step, lesson.id)) : [];
  }

  #wantsEvent(type: string): boolean {
    return this.#pendingSteps().some((step) =>
      step.checks.some((check) => rerunTriggers(check).dockerEvents.includes(type)),
    );
  }

  #liveOf(stepId: string): Live {
    this.#live[stepId] ??= { result: null, error: null, checking: false };
    return this.#live[stepId];
  }

  #markPassed(lesson: Lesson, step: Step): void {
    if (this.passedAt(step, lesson.id)) return;
    const next = structuredClone($state.snapshot(this.#progress));
    const entry = (next.lessons[lesson.id] ??= { steps: {} });
    const at = new Date().toISOString();
    entry.steps[step.id] = { passedAt: at };
    void this.#save(next, (store) => store.markPassed(lesson.id, step.id, at));
    this.onPassed?.(lesson, step);
  }

  #storageError = $state<string | null>(null);
  /** Changes sent to the store; only the latest one's result is shown (it includes the earlier ones). */
  #saves = 0;

  /**
   * Show `next` at once, then store the change with `write`, which merges it
   * into what is stored (other tabs' steps included) and resolves with the
   * result; that result replaces `next`. A failure is shown in
   * {@link storageError}; the steps stay done in this tab until a reload.
   */
  async #save(next: Progress, write: (store: ProgressStore) => Promise<Progress>): Promise<void> {
    this.#progress = next;
    if (!this.store) return;
    const save = ++this.#saves;
    try {
      const stored = await write(this.store);
      this.#storageError = null;
      if (save === this.#saves) this.#progress = stored;
    } catch (err) {
      const reason = (err as Error).message.replace(/\.$/, "");
      this.#storageError = `Your progress could not be saved in this browser: ${reason}. Use Progress → Export progress… to keep a copy.`;
    }
  }
}
