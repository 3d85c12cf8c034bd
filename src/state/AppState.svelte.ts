import type { Lesson } from "../content/lesson.ts";
import { LayoutState } from "./LayoutState.svelte.ts";
import { LessonState, type RouterWindow } from "./LessonState.svelte.ts";
import { PreviewState } from "./PreviewState.svelte.ts";
import { SandboxState, type RuntimeFactory } from "./SandboxState.svelte.ts";
import { WorkspaceState, type WorkspaceOptions } from "./WorkspaceState.svelte.ts";
import type { WorkspaceStore } from "./workspaceStore.ts";

export interface AppOptions {
  lessons: readonly Lesson[];
  /** Malformed or unreachable lessons, shown to the author in the lesson pane. */
  lessonProblems?: readonly string[];
  runtime: RuntimeFactory;
  store?: WorkspaceStore | null;
  window: RouterWindow;
  storage?: Storage | null;
  workspace?: WorkspaceOptions;
  /** Origin serving the live preview (another origin than the app's); null: no preview. */
  previewOrigin?: string | null;
}

/** The file a lesson starts with in the editor: its Dockerfile, else its first file. */
function firstFile(paths: string[]): string | null {
  return paths.find((p) => /(^|\/)Dockerfile$/.test(p)) ?? paths[0] ?? null;
}

/**
 * The whole app's state and how the parts talk: the sandbox restores the VM,
 * then the workspace puts the learner's files back and the terminals open;
 * Enter in a terminal makes the file tree look for changes; the build
 * shortcut saves and types `docker build` into the terminal; the preview
 * follows the containers' published ports.
 */
export class AppState {
  readonly sandbox = new SandboxState();
  readonly workspace: WorkspaceState;
  readonly lessons: LessonState;
  readonly layout: LayoutState;
  readonly preview: PreviewState;
  readonly lessonProblems: readonly string[];

  constructor(private readonly options: AppOptions) {
    this.workspace = new WorkspaceState(options.store ?? null, options.workspace);
    this.lessons = new LessonState(options.lessons, options.window);
    this.layout = new LayoutState(options.storage ?? null);
    this.preview = new PreviewState(options.previewOrigin ?? null);
    this.lessonProblems = options.lessonProblems ?? [];
    this.sandbox.onReady = async (runtime) => {
      this.preview.attach(runtime);
      await this.workspace.attach(runtime, this.lessons.current?.startFiles ?? {});
      await this.#openStartFile();
    };
    this.sandbox.terminals.onInput = (data) => this.workspace.noticeTerminalInput(data);
    this.lessons.onChange = () => void this.#enterLesson();
  }

  start(signal?: AbortSignal): Promise<void> {
    return this.sandbox.boot(this.options.runtime, signal ? { signal } : {});
  }

  /** A lesson opened: its start files join the workspace (existing files are kept). */
  async #enterLesson(): Promise<void> {
    const lesson = this.lessons.current;
    if (!lesson || !this.workspace.connected) return;
    try {
      await this.workspace.seed(lesson.startFiles);
      await this.#openStartFile();
    } catch {
      // The workspace shows its own error; the lesson still opens.
    }
  }

  /** Type a lesson's command into the active terminal. */
  run(command: string): boolean {
    return this.sandbox.terminals.type(command);
  }

  /** Save everything, then build the workspace in the terminal. */
  async build(): Promise<void> {
    await this.workspace.save();
    const tag = this.lessons.current?.image ?? "app";
    this.run(`docker build -t ${tag} .`);
  }

  /** Fresh VM from the ready snapshot; the learner's files are kept. */
  async reset(): Promise<void> {
    await this.workspace.save().catch(() => {});
    await this.workspace.persist().catch(() => {});
    this.workspace.detach();
    this.preview.detach();
    await this.sandbox.reset();
  }

  async #openStartFile(): Promise<void> {
    const lesson = this.lessons.current;
    const wanted = firstFile(Object.keys(lesson?.startFiles ?? {}));
    const files = this.workspace.entries.filter((e) => e.type === "file").map((e) => e.path);
    const path = wanted && files.includes(wanted) ? wanted : firstFile(files);
    // The lesson's own file takes the editor; otherwise keep what is open.
    if (path && (path === wanted || !this.workspace.activePath)) {
      await this.workspace.open(path).catch(() => {});
    }
  }
}
