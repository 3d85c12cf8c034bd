import type { Lesson } from "../content/lesson.ts";

/** The bits of `window` the router uses (a fake in unit tests). */
export interface RouterWindow {
  location: { href: string };
  history: {
    pushState(data: unknown, unused: string, url: string): void;
    replaceState(data: unknown, unused: string, url: string): void;
  };
  addEventListener(type: "popstate", listener: () => void): void;
  removeEventListener(type: "popstate", listener: () => void): void;
}

/**
 * Which lesson is open. The URL is the source of truth: `?lesson=<id>` deep
 * links to a lesson, navigating pushes a history entry, and back/forward
 * move between lessons. Other query parameters (e.g. `vm=`) are kept.
 */
export class LessonState {
  #currentId = $state("");
  #notFound = $state<string | null>(null);
  readonly #onPopState = () => {
    this.#readUrl();
    this.#changed();
  };
  /** Called after the lesson changed (by `go` or by back/forward). */
  onChange: ((lesson: Lesson) => void) | null = null;

  constructor(
    readonly lessons: readonly Lesson[],
    private readonly win: RouterWindow,
  ) {
    this.#readUrl();
    win.addEventListener("popstate", this.#onPopState);
  }

  get current(): Lesson | null {
    return this.lessons.find((l) => l.id === this.#currentId) ?? null;
  }
  /** Set when the URL named a lesson that does not exist (the first lesson is shown instead). */
  get notFound(): string | null {
    return this.#notFound;
  }
  get index(): number {
    return this.lessons.findIndex((l) => l.id === this.#currentId);
  }
  get previous(): Lesson | null {
    return this.lessons[this.index - 1] ?? null;
  }
  get next(): Lesson | null {
    const i = this.index;
    return i < 0 ? null : (this.lessons[i + 1] ?? null);
  }

  /** Open a lesson and add a history entry (so Back returns to the previous one). */
  go(id: string): void {
    if (id === this.#currentId || !this.lessons.some((l) => l.id === id)) return;
    this.#currentId = id;
    this.#notFound = null;
    this.win.history.pushState(null, "", this.#urlFor(id));
    this.#changed();
  }

  goNext(): void {
    if (this.next) this.go(this.next.id);
  }
  goPrevious(): void {
    if (this.previous) this.go(this.previous.id);
  }

  dispose(): void {
    this.win.removeEventListener("popstate", this.#onPopState);
  }

  #changed(): void {
    const lesson = this.current;
    if (lesson) this.onChange?.(lesson);
  }

  #readUrl(): void {
    const wanted = new URL(this.win.location.href).searchParams.get("lesson");
    const found = wanted ? this.lessons.find((l) => l.id === wanted) : undefined;
    this.#notFound = wanted && !found ? wanted : null;
    const lesson = found ?? this.lessons[0];
    this.#currentId = lesson?.id ?? "";
    // Canonical URL without a history entry: a bad or missing id names the lesson shown.
    if (lesson && wanted !== lesson.id && !this.#notFound) {
      this.win.history.replaceState(null, "", this.#urlFor(lesson.id));
    }
  }

  #urlFor(id: string): string {
    const url = new URL(this.win.location.href);
    url.searchParams.set("lesson", id);
    return url.pathname + url.search + url.hash;
  }
}
