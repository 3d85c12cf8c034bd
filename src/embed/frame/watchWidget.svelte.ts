import type { AppState } from "../../state/AppState.svelte.ts";
import type { EventName, Events, StepStatus } from "../protocol.ts";
import { lessonInfo, stepInfos } from "./lessonInfo.ts";

/**
 * The host's events, read off the app's state: boot progress, the prompt
 * being up (`ready`), a sandbox error, each step's status change and the
 * lesson's completion. Returns the function that stops watching.
 */
export function watchWidget(
  app: AppState,
  emit: <E extends EventName>(name: E, data: Events[E]) => void,
): () => void {
  // Problems with the lesson the author asked for (a lesson-url that failed, a
  // bad parameter): the host's author must hear of them, not only the reader.
  const notFound = app.lessons.notFound;
  const problems = [
    ...app.lessonProblems,
    ...(notFound
      ? [`There is no lesson called "${notFound}"; the widget shows the first one.`]
      : []),
  ];
  for (const message of problems) {
    emit("error", {
      kind: "lesson",
      message,
      hint: "Check the widget's lesson, lesson-url and other attributes.",
    });
  }
  return $effect.root(() => {
    $effect(() => {
      const p = app.sandbox.progress;
      if (p) emit("progress", { phase: p.phase, loaded: p.loaded, total: p.total });
    });

    let wasReady = false;
    $effect(() => {
      const ready = app.sandbox.ready && app.sandbox.terminals.active?.status === "open";
      if (ready && !wasReady) {
        const lesson = app.lessons.current;
        emit("ready", { lesson: lesson ? lessonInfo(lesson) : null });
      }
      wasReady = ready;
    });

    $effect(() => {
      const error = app.sandbox.error;
      if (error) emit("error", { kind: error.kind, message: error.message, hint: error.hint });
    });

    // Steps: only changes are news; the statuses a lesson opens with are not.
    let seenLesson: string | null = null;
    // Plain bookkeeping of the effect, not state: nothing renders it.
    let seen: Record<string, StepStatus> = {};
    let wasComplete = false;
    $effect(() => {
      const lesson = app.lessons.current;
      if (!lesson) return;
      const steps = stepInfos(lesson, app.checks);
      const complete = steps.length > 0 && steps.every((s) => s.status === "passed");
      if (seenLesson !== lesson.id) {
        seenLesson = lesson.id;
        seen = Object.fromEntries(steps.map((s) => [s.stepId, s.status]));
        wasComplete = complete;
        return;
      }
      for (const step of steps) {
        if (seen[step.stepId] === step.status) continue;
        seen[step.stepId] = step.status;
        emit("step", step);
      }
      if (complete && !wasComplete) emit("complete", { lessonId: lesson.id });
      wasComplete = complete;
    });
  });
}
