import type { Lesson } from "../content/lesson.ts";
import { lessonCommands } from "../content/lessonCommands.ts";

const KEY = "docker-sandbox:consent";
/** Consents kept: enough for any real use, small enough for localStorage. */
const MAX_KEPT = 200;

/**
 * The learner's "yes" to an untrusted lesson's commands (docs/security.md).
 * A lesson from outside the course (`lesson.from`) runs nothing by itself,
 * no setup and no command or registry checks, until the learner has seen
 * its commands and agreed. A consent covers exactly the commands shown: if
 * the lesson at that URL changes what it runs, it asks again.
 */
export class ConsentState {
  #granted = $state<string[]>([]);

  constructor(private readonly storage: Storage | null) {
    try {
      const saved: unknown = JSON.parse(storage?.getItem(KEY) ?? "[]");
      if (Array.isArray(saved)) this.#granted = saved.filter((k) => typeof k === "string");
    } catch {
      // A damaged record only means asking again.
    }
  }

  /** Whether `lesson` would run commands the learner has not agreed to yet. */
  needs(lesson: Lesson | null): boolean {
    if (!lesson?.from) return false;
    if (lessonCommands(lesson).length === 0) return false;
    return !this.#granted.includes(keyOf(lesson));
  }

  grant(lesson: Lesson): void {
    if (!lesson.from || !this.needs(lesson)) return;
    this.#granted = [...this.#granted, keyOf(lesson)].slice(-MAX_KEPT);
    try {
      this.storage?.setItem(KEY, JSON.stringify(this.#granted));
    } catch {
      // Not kept across reloads (storage full or off): asked again next time.
    }
  }
}

function keyOf(lesson: Lesson): string {
  return `${lesson.id}:${lesson.from?.commandsDigest ?? ""}`;
}
