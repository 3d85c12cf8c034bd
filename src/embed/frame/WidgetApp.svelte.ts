import { mount, unmount } from "svelte";
import { catalogErrors, lessons as courseLessons } from "../../content/catalog.ts";
import type { Lesson } from "../../content/lesson.ts";
import { lessonFromUrl } from "../../content/lessonFromUrl.ts";
import { originList } from "../../content/originList.ts";
import { AppState } from "../../state/AppState.svelte.ts";
import { keyValueStore } from "../../state/keyValueStore.ts";
import { memoryRouter } from "../../state/memoryRouter.ts";
import { progressStore } from "../../state/progressStore.ts";
import { workerRuntime } from "../../state/SandboxState.svelte.ts";
import { webStorage } from "../../state/webStorage.ts";
import { browserStores } from "../../state/workspaceStore.ts";
import Widget from "../../ui/embed/Widget.svelte";
import {
  EmbedError,
  type EventName,
  type Events,
  type Layout,
  type LessonInfo,
  type Method,
  type Methods,
  type Theme,
} from "../protocol.ts";
import type { FrameHandler } from "./FrameServer.ts";
import type { FrameOptions } from "./frameOptions.ts";
import { lessonInfo, stepInfos } from "./lessonInfo.ts";
import { startRoute } from "./startRoute.ts";
import { watchWidget } from "./watchWidget.svelte.ts";

/** What the host asked the reader, shown as a dialog in the widget. */
interface HostRequest {
  origin: string;
  what: string;
  allow(): void;
  deny(): void;
}

/** Hidden commands from the host get this long unless it says otherwise. */
const EXEC_TIMEOUT_MS = 120_000;
const decoder = new TextDecoder();

/**
 * A started widget: the app's state (AppState, the same as the full app's)
 * under the widget's layout, and the host's requests carried out on it. Loaded
 * only once the reader starts the widget: before that the frame is a button.
 */
export class WidgetApp implements FrameHandler {
  readonly #props: {
    app: AppState;
    layout: Layout;
    theme: Theme;
    hostRequest: HostRequest | null;
    onpreferredheight: (px: number) => void;
  };
  #component: ReturnType<typeof mount>;
  #stopWatching: () => void;

  private constructor(
    readonly app: AppState,
    options: FrameOptions,
    target: HTMLElement,
    emit: <E extends EventName>(name: E, data: Events[E]) => void,
  ) {
    this.#props = $state({
      app,
      layout: options.layout,
      theme: options.theme,
      hostRequest: null,
      onpreferredheight: (height: number) => emit("resize", { height }),
    });
    this.#component = mount(Widget, { target, props: this.#props });
    this.#stopWatching = watchWidget(app, emit);
  }

  /** Build the widget for `options` in `target` and start its sandbox. */
  static async create(
    options: FrameOptions,
    target: HTMLElement,
    emit: <E extends EventName>(name: E, data: Events[E]) => void,
  ): Promise<WidgetApp> {
    const problems = [...catalogErrors, ...options.problems];
    let lessons: readonly Lesson[] = courseLessons;
    let route = startRoute(location.href, null);
    if (options.lessonUrl) {
      try {
        const extra = await lessonFromUrl(options.lessonUrl, {
          allowedOrigins: originList(import.meta.env.VITE_LESSON_ORIGINS),
        });
        lessons = [extra, ...courseLessons];
      } catch (err) {
        problems.push((err as Error).message);
      }
    } else if (options.lesson) {
      route = startRoute(location.href, options.lesson);
    }
    for (const problem of problems) console.error(`[embed] ${problem}`);
    const app = new AppState({
      lessons,
      lessonProblems: problems,
      runtime: workerRuntime(),
      stores: browserStores(),
      progress: progressStore(keyValueStore()),
      window: memoryRouter(route),
      storage: webStorage(),
      previewOrigin: null,
    });
    const widget = new WidgetApp(app, options, target, emit);
    void app.start();
    return widget;
  }

  lesson(): LessonInfo | null {
    const lesson = this.app.lessons.current;
    return lesson ? lessonInfo(lesson) : null;
  }

  setTheme(theme: Theme): void {
    this.#props.theme = theme;
  }

  askReader(origin: string): Promise<boolean> {
    return new Promise((resolve) => {
      const answer = (yes: boolean) => () => {
        this.#props.hostRequest = null;
        resolve(yes);
      };
      this.#props.hostRequest = {
        origin,
        what: "run commands and read or change files",
        allow: answer(true),
        deny: answer(false),
      };
    });
  }

  async handle<M extends Method>(
    method: M,
    params: Methods[M]["params"],
  ): Promise<Methods[M]["result"]> {
    const app = this.app;
    const p = params as Record<string, unknown>;
    switch (method) {
      case "start":
        return null as Methods[M]["result"];
      case "setTheme":
        this.setTheme(p.theme as Theme);
        return null as Methods[M]["result"];
      case "check": {
        const lesson = this.#needLesson();
        if (app.sandbox.ready) await app.checks.checkNow();
        return { steps: stepInfos(lesson, app.checks) } as Methods[M]["result"];
      }
      case "openLesson": {
        const lesson = app.lessons.lessons.find((l) => l.id === p.id);
        if (!lesson) throw new EmbedError("not-found", `There is no lesson "${String(p.id)}".`);
        app.lessons.go(lesson.id);
        await app.enterLesson();
        return { lesson: lessonInfo(lesson) } as Methods[M]["result"];
      }
      case "exec": {
        const runtime = this.#needRuntime();
        const result = await runtime.exec(p.command as string, {
          cwd: app.lessons.current?.cwd ?? "/workspace",
          timeoutMs: (p.timeoutMs as number | undefined) ?? EXEC_TIMEOUT_MS,
        });
        // The command may have changed files the editor shows.
        void app.workspace.refresh();
        return {
          exitCode: result.exitCode,
          stdout: decoder.decode(result.stdout),
          stderr: decoder.decode(result.stderr),
          ...(result.truncated ? { truncated: true } : {}),
        } as Methods[M]["result"];
      }
      case "type": {
        this.#needRuntime();
        if (!app.run(p.command as string)) {
          throw new EmbedError("not-ready", "The terminal is not open yet: wait for `ready`.");
        }
        return null as Methods[M]["result"];
      }
      case "writeFile": {
        await this.#needRuntime().writeFile(p.path as string, p.content as string);
        await app.workspace.refresh();
        return null as Methods[M]["result"];
      }
      case "readFile": {
        this.#needRuntime();
        const content = await app.readWorkspaceFile(p.path as string);
        if (content === null) {
          throw new EmbedError("not-found", `No file "${String(p.path)}" in /workspace.`);
        }
        return { content } as Methods[M]["result"];
      }
      case "reset": {
        this.#needRuntime();
        await app.resetLesson();
        return null as Methods[M]["result"];
      }
    }
    throw new EmbedError("unsupported", `Unknown method ${String(method)}.`);
  }

  /** Stop the sandbox (another widget on the page starts, or the frame goes). */
  async dispose(): Promise<void> {
    this.#stopWatching();
    if (this.#props.hostRequest) this.#props.hostRequest.deny();
    await unmount(this.#component);
    await this.app.dispose();
  }

  #needRuntime() {
    const runtime = this.app.sandbox.ready ? this.app.sandbox.runtime : null;
    if (!runtime)
      throw new EmbedError("not-ready", "The sandbox is still starting: wait for `ready`.");
    return runtime;
  }

  #needLesson(): Lesson {
    const lesson = this.app.lessons.current;
    if (!lesson) throw new EmbedError("not-found", "This widget shows no lesson.");
    return lesson;
  }
}
