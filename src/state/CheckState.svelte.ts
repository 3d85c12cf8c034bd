import type { CheckContext } from "../checks/CheckContext.ts";
import type { Check } from "../checks/checkSchema.ts";
import { isObservingEvent, rerunTriggers } from "../checks/rerunTriggers.ts";
import { isQuizStep, type Lesson, type QuizStep, type Step } from "../content/lesson.ts";
import { stepRunsCommands } from "../content/lessonCommands.ts";
import { checkContext } from "../exercise/checkContext.ts";
import { evaluateStep, type StepResult } from "../exercise/evaluateStep.ts";
import { judgeQuiz, type QuizAnswer, type QuizJudgement } from "../exercise/judgeQuiz.ts";
import { quizEvidence, stepEvidence } from "../receipts/evidence.ts";
import { currentStep } from "../exercise/stepSequence.ts";
import type { DockerEvent } from "../runtime/docker/types.ts";
import type { Runtime } from "../runtime/Runtime.ts";
import { Disposables } from "../session/Disposables.ts";
import type { SandboxSession } from "../session/SandboxSession.ts";
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

/** A quiz step's last wrong answer: shown until the next one, never stored. */
export interface QuizTry {
  feedback: string[];
  /** How many wrong answers so far (the UI re-announces the same feedback for a new one). */
  tries: number;
}

export interface CheckOptions {
  /** Quiet time after the last trigger (Docker event, workspace save) before checks run. */
  debounceMs?: number;
  /**
   * Whether the lesson's own commands may run (command and registry checks).
   * False for an untrusted lesson the learner has not agreed to (ConsentState).
   */
  mayRunCommands?: (lesson: Lesson) => boolean;
}

/**
 * How long after a run an event that only looks at a container (an exec, an
 * attach) still counts as the checks' own: the daemon reports a check's
 * `docker exec` a moment after it happened.
 */
const OWN_EVENT_SLACK_MS = 2000;
const NOT_ALLOWED =
  "This step is checked by running the lesson's own commands in your sandbox. " +
  "Review and allow them above the lesson to check it.";

interface Run {
  abort: AbortController;
  done: Promise<void>;
}

/**
 * The current lesson's steps and the learner's progress. Checks run by
 * themselves, debounced, when something they look at may have changed: a
 * Docker event of a type they depend on, or a change in the workspace.
 *
 * Steps are a sequence (stepSequence.ts): only the current step is checked,
 * and when it passes the next one is checked at once. A step that passed
 * once stays passed (it is recorded in the progress), so undoing its work
 * later, as the next step may ask, does not take it back. A quiz step is
 * never checked: it passes when the learner answers it right (`answerQuiz`),
 * which needs no sandbox, and the checks of the steps after it wait until
 * then.
 *
 * A run in flight is never aborted by an event: a trigger during a run marks
 * it dirty, and it runs again once it ends, so a slow check always finishes.
 * Events the checks cause themselves (a command check's `docker exec`) do not
 * trigger anything. Only a new lesson or a new sandbox aborts a run.
 */
export class CheckState {
  #lesson = $state.raw<Lesson | null>(null);
  #live = $state<Record<string, Live>>({});
  #progress = $state<Progress>(emptyProgress());
  #hintsShown = $state<Record<string, number>>({});
  #quizTries = $state<Record<string, QuizTry>>({});
  #revealed = $state<Record<string, boolean>>({});
  #runtime: Runtime | null = null;
  #ctx: CheckContext | null = null;
  /** What `attach` subscribed to in the session; undone by `detach`. */
  #subscriptions = new Disposables();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #run: Run | null = null;
  #dirty = false;
  #lastRunEnded = 0;
  #runs = 0;
  readonly #debounceMs: number;
  readonly #mayRunCommands: (lesson: Lesson) => boolean;
  /** Called when a step passes for the first time. */
  onPassed: ((lesson: Lesson, step: Step) => void) | null = null;

  constructor(
    private readonly store: ProgressStore | null,
    options: CheckOptions = {},
  ) {
    this.#debounceMs = options.debounceMs ?? 400;
    this.#mayRunCommands = options.mayRunCommands ?? (() => true);
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
    this.#quizTries = {};
    this.#revealed = {};
    this.#cancelRun();
    this.#ctx = this.#runtime && lesson ? checkContext(this.#runtime, lesson.cwd) : null;
    this.schedule();
  }

  /**
   * Check against the session's runtime, triggered by the session's shared
   * Docker events and workspace changes, until the runtime stops. Resolves
   * once the shared event stream made its first attempt, so no event after
   * the first check run is missed.
   */
  async attach(session: SandboxSession): Promise<void> {
    const runtime = session.runtime;
    this.detach();
    if (!runtime) return;
    this.#runtime = runtime;
    this.#ctx = this.#lesson ? checkContext(runtime, this.#lesson.cwd) : null;
    const subscriptions = (this.#subscriptions = new Disposables());
    subscriptions.add(session.on("docker", (event) => this.#onEvent(event)));
    // Deaf since the last stream ended (dockerd restarted): what changed meanwhile is unknown.
    subscriptions.add(session.on("dockerSubscribed", ({ again }) => again && this.schedule()));
    subscriptions.add(session.on("workspaceChanged", () => this.noticeWorkspaceChange()));
    subscriptions.add(session.on("stopping", () => this.detach()));
    await session.dockerFollowing;
    if (this.#runtime === runtime) this.schedule();
  }

  /** The sandbox is going away: stop checking against it. */
  detach(): void {
    this.#subscriptions.dispose();
    this.#cancelRun();
    this.#runtime = null;
    this.#ctx = null;
  }

  /** The workspace changed (a save, or files changed in the terminal). */
  noticeWorkspaceChange(): void {
    const kinds = this.#currentChecks().map((c) => c.kind);
    if (kinds.includes("file") || kinds.includes("command")) this.schedule();
  }

  /** Run the checks after the debounce (restarting it); during a run, once it ends. */
  schedule(): void {
    if (this.#run) {
      this.#dirty = true;
      return;
    }
    this.#clearTimer();
    this.#timer = setTimeout(() => void this.checkNow(), this.#debounceMs);
  }

  /**
   * Check the current step now, and the next ones as long as they pass (the
   * "Check" button). During a run, resolves when a run that started after
   * this call has ended.
   */
  checkNow(): Promise<void> {
    this.#clearTimer();
    if (this.#run) {
      this.#dirty = true;
      return this.#run.done;
    }
    const run: Run = { abort: new AbortController(), done: Promise.resolve() };
    this.#run = run;
    run.done = this.#runUntilClean(run.abort.signal).finally(() => {
      if (this.#run !== run) return;
      this.#run = null;
      this.#lastRunEnded = Date.now();
    });
    return run.done;
  }

  /** How many check runs started (a run walks the steps from the current one). */
  get runs(): number {
    return this.#runs;
  }

  status(step: Step): StepStatus {
    if (this.passedAt(step)) return "passed";
    if (isQuizStep(step)) return this.#quizTries[step.id] ? "failed" : "pending";
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
  /** The first step not passed yet: where the learner is, and the only step checked. */
  get currentStep(): Step | null {
    const lesson = this.#lesson;
    return lesson ? currentStep(lesson, (step) => !!this.passedAt(step, lesson.id)) : null;
  }

  /** What a step's progress records it passed with (evidence.ts); empty if it has not. */
  evidence(step: Step): readonly string[] {
    const lessonId = this.#lesson?.id;
    return (lessonId && this.#progress.lessons[lessonId]?.steps[step.id]?.evidence) || [];
  }

  /**
   * Answer a quiz step. Right: the step passes, recorded like a step whose
   * checks passed (the evidence is the answer), and the steps after it are
   * checked at once. Wrong: its feedback is shown (`quizTry`) and the learner
   * may try again; nothing is stored. Only the current step can be answered:
   * returns null for any other (and for a step that already passed).
   */
  answerQuiz(step: QuizStep, answer: QuizAnswer): QuizJudgement | null {
    const lesson = this.#lesson;
    if (!lesson || this.currentStep?.id !== step.id) return null;
    const judgement = judgeQuiz(step.quiz, answer);
    if (!judgement.ok) {
      const tries = (this.#quizTries[step.id]?.tries ?? 0) + 1;
      this.#quizTries[step.id] = { feedback: judgement.feedback, tries };
      return judgement;
    }
    delete this.#quizTries[step.id];
    this.#markPassed(lesson, step, quizEvidence(step.quiz, answer, this.answerRevealed(step)));
    this.schedule();
    return judgement;
  }
  /** The feedback of a quiz step's last wrong answer, or null. */
  quizTry(step: QuizStep): QuizTry | null {
    return this.#quizTries[step.id] ?? null;
  }
  /** "Show me" on a quiz: its right answer is shown (and noted in the evidence when it passes). */
  revealAnswer(step: QuizStep): void {
    this.#revealed[step.id] = true;
  }
  answerRevealed(step: QuizStep): boolean {
    return this.#revealed[step.id] ?? false;
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
      this.#quizTries = {};
      this.#revealed = {};
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

  /** Runs until no trigger arrived during the last one; only an abort stops it early. */
  async #runUntilClean(signal: AbortSignal): Promise<void> {
    do {
      this.#dirty = false;
      this.#runs++;
      await this.#walkSteps(signal);
      if (this.#dirty && !signal.aborted) {
        await new Promise((resolve) => setTimeout(resolve, this.#debounceMs));
      }
    } while (this.#dirty && !signal.aborted);
  }

  /** Check the current step; while it passes, go on with the next one. */
  async #walkSteps(signal: AbortSignal): Promise<void> {
    const lesson = this.#lesson;
    const ctx = this.#ctx;
    if (!lesson || !ctx) return;
    const walked = new Set<string>();
    const isDone = (step: Step) => walked.has(step.id) || !!this.passedAt(step, lesson.id);
    for (let step = currentStep(lesson, isDone); step; step = currentStep(lesson, isDone)) {
      walked.add(step.id);
      // A quiz waits for the learner's answer: nothing in the sandbox decides it.
      if (isQuizStep(step)) return;
      if (stepRunsCommands(step) && !this.#mayRunCommands(lesson)) {
        this.#live[step.id] = { result: null, error: NOT_ALLOWED, checking: false };
        return;
      }
      this.#liveOf(step.id).checking = true;
      let result: StepResult;
      try {
        result = await evaluateStep(step, ctx, signal);
      } catch (error) {
        if (signal.aborted) return;
        this.#live[step.id] = {
          result: null,
          error: `The check could not run: ${(error as Error).message}`,
          checking: false,
        };
        return;
      }
      if (signal.aborted) return;
      this.#live[step.id] = { result, error: null, checking: false };
      if (!result.ok) return;
      this.#markPassed(lesson, step, stepEvidence(result));
    }
  }

  #cancelRun(): void {
    this.#clearTimer();
    this.#run?.abort.abort();
    this.#run = null;
    this.#dirty = false;
  }

  #clearTimer(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #onEvent(event: DockerEvent): void {
    if (!this.#wantsEvent(event.Type)) return;
    // A command check's own `docker exec` must not trigger the checks again.
    const ownRun = this.#run !== null || Date.now() - this.#lastRunEnded < OWN_EVENT_SLACK_MS;
    if (ownRun && isObservingEvent(event)) return;
    this.schedule();
  }

  #wantsEvent(type: string): boolean {
    return this.#currentChecks().some((check) => rerunTriggers(check).dockerEvents.includes(type));
  }

  /** The current step's checks; none for a quiz step. */
  #currentChecks(): readonly Check[] {
    const step = this.currentStep;
    return step && !isQuizStep(step) ? step.checks : [];
  }

  #liveOf(stepId: string): Live {
    this.#live[stepId] ??= { result: null, error: null, checking: false };
    return this.#live[stepId];
  }

  /** Record the pass with its evidence: what the checks saw, or the answer (a progress receipt shows it). */
  #markPassed(lesson: Lesson, step: Step, evidence: string[]): void {
    if (this.passedAt(step, lesson.id)) return;
    const next = structuredClone($state.snapshot(this.#progress));
    const entry = (next.lessons[lesson.id] ??= { steps: {} });
    const at = new Date().toISOString();
    entry.steps[step.id] = { passedAt: at, evidence };
    void this.#save(next, (store) => store.markPassed(lesson.id, step.id, at, evidence));
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
