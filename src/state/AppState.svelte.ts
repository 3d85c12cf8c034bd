import type { Chapter } from "../content/createCatalog.ts";
import type { Lesson, Step } from "../content/lesson.ts";
import { writeSolutionFiles } from "../exercise/applySolution.ts";
import { runLessonCommands, startLesson } from "../exercise/lessonStart.ts";
import type { Runtime } from "../runtime/Runtime.ts";
import { CheckState } from "./CheckState.svelte.ts";
import { ConsentState } from "./ConsentState.svelte.ts";
import { DiskState } from "./DiskState.svelte.ts";
import { LayoutState } from "./LayoutState.svelte.ts";
import { LessonState, type RouterWindow } from "./LessonState.svelte.ts";
import { PreviewState } from "./PreviewState.svelte.ts";
import type { ProgressStore } from "./progressStore.ts";
import { SandboxState, type RuntimeFactory } from "./SandboxState.svelte.ts";
import { WorkspaceState, type WorkspaceOptions } from "./WorkspaceState.svelte.ts";
import { memoryStores, type WorkspaceStores } from "./workspaceStore.ts";

export interface AppOptions {
  lessons: readonly Lesson[];
  /** The course outline for the lesson menu; default: one unnamed chapter. */
  chapters?: readonly Chapter[];
  /** Malformed or unreachable lessons, shown to the author in the lesson pane. */
  lessonProblems?: readonly string[];
  runtime: RuntimeFactory;
  /** Where each lesson's workspace is kept across reloads (by key `lesson:<id>`). */
  stores?: WorkspaceStores;
  progress?: ProgressStore | null;
  window: RouterWindow;
  storage?: Storage | null;
  workspace?: WorkspaceOptions;
  checkDebounceMs?: number;
  /** Origin serving the live preview (another origin than the app's); null: no preview. */
  previewOrigin?: string | null;
}

/** The file a lesson starts with in the editor: its focus, else its Dockerfile, else its first file. */
function firstFile(paths: string[], focus?: string): string | null {
  if (focus && paths.includes(focus)) return focus;
  return paths.find((p) => /(^|\/)Dockerfile$/.test(p)) ?? paths[0] ?? null;
}

/**
 * The whole app's state and how the parts talk: the sandbox restores the VM,
 * then the lesson's workspace comes back (each lesson has its own) and its
 * setup runs; checks follow Docker events and workspace changes; Enter in a
 * terminal makes the file tree look for changes; the build shortcut saves and
 * types `docker build`; the preview follows the containers' published ports.
 */
export class AppState {
  readonly sandbox = new SandboxState();
  readonly workspace: WorkspaceState;
  readonly lessons: LessonState;
  readonly checks: CheckState;
  readonly layout: LayoutState;
  readonly preview: PreviewState;
  /** The learner's "yes" to untrusted lessons' commands: until then they run nothing. */
  readonly consent: ConsentState;
  /** The guest disk's free space: a warning before it is full. */
  readonly disk = new DiskState();
  readonly chapters: readonly Chapter[];
  readonly lessonProblems: readonly string[];
  /** A lesson action (reset, show me) failed; shown above the lesson. */
  lessonError = $state<string | null>(null);
  readonly #stores: WorkspaceStores;
  /** Lessons whose setup ran in the current VM (a fresh VM has none). */
  #setUp = new Set<string>();
  /** Lesson switches run one after another, never interleaved. */
  #switching: Promise<void> = Promise.resolve();

  constructor(private readonly options: AppOptions) {
    this.#stores = options.stores ?? memoryStores();
    this.lessons = new LessonState(options.lessons, options.window);
    const first = this.lessons.current;
    this.workspace = new WorkspaceState(
      first ? this.#stores(`lesson:${first.id}`) : null,
      options.workspace,
    );
    this.consent = new ConsentState(options.storage ?? null);
    this.checks = new CheckState(options.progress ?? null, {
      ...(options.checkDebounceMs !== undefined ? { debounceMs: options.checkDebounceMs } : {}),
      mayRunCommands: (lesson) => !this.consent.needs(lesson),
    });
    this.checks.setLesson(first);
    this.layout = new LayoutState(options.storage ?? null);
    this.preview = new PreviewState(options.previewOrigin ?? null);
    this.chapters = options.chapters ?? [];
    this.lessonProblems = options.lessonProblems ?? [];
    this.sandbox.onReady = async (runtime) => {
      this.#setUp.clear();
      this.preview.attach(runtime);
      this.disk.attach(runtime);
      await this.workspace.attach(runtime, this.lessons.current?.files ?? {});
      await this.#setUpLesson(runtime);
      await this.#openStartFile();
      await this.checks.attach(runtime);
    };
    this.sandbox.terminals.onInput = (data) => this.workspace.noticeTerminalInput(data);
    this.workspace.onChanged = () => this.checks.noticeWorkspaceChange();
    this.lessons.onChange = () => void this.#enterLesson();
  }

  async start(signal?: AbortSignal): Promise<void> {
    await this.checks.load().catch(() => {});
    return this.sandbox.boot(this.options.runtime, signal ? { signal } : {});
  }

  /** Another lesson opened: its own workspace replaces the last one's (which is kept). */
  #enterLesson(): Promise<void> {
    this.#switching = this.#switching.then(async () => {
      const lesson = this.lessons.current;
      this.lessonError = null;
      this.checks.setLesson(lesson);
      if (!lesson) return;
      await this.workspace.switchTo(this.#stores(`lesson:${lesson.id}`), lesson.files);
      const runtime = this.sandbox.ready ? this.sandbox.runtime : null;
      if (!runtime) return;
      await this.#setUpLesson(runtime);
      await this.#openStartFile();
      if (lesson.cwd !== "/workspace") this.run(`cd ${lesson.cwd}`);
    });
    return this.#switching;
  }

  /**
   * The learner agreed to the current (untrusted) lesson's commands, as shown
   * in the consent dialog: its setup runs now, and its checks may run.
   */
  async allowLessonCommands(): Promise<void> {
    const lesson = this.lessons.current;
    if (!lesson) return;
    this.consent.grant(lesson);
    const runtime = this.sandbox.ready ? this.sandbox.runtime : null;
    if (runtime) await this.#setUpLesson(runtime);
    this.checks.schedule();
  }

  /** Run the lesson's setup once per VM (Reset lesson runs it again); never before consent. */
  async #setUpLesson(runtime: Runtime): Promise<void> {
    const lesson = this.lessons.current;
    if (!lesson?.setup || this.#setUp.has(lesson.id) || this.consent.needs(lesson)) return;
    try {
      await runLessonCommands(runtime, lesson, "The lesson's setup", lesson.setup);
      this.#setUp.add(lesson.id);
    } catch (error) {
      this.lessonError = `${(error as Error).message}. Try "Reset lesson".`;
    }
  }

  /**
   * Start the lesson over: its start files replace the workspace (the kept
   * copy is dropped), its setup runs again, and its steps count as not done.
   */
  async resetLesson(): Promise<void> {
    const lesson = this.lessons.current;
    const runtime = this.sandbox.ready ? this.sandbox.runtime : null;
    if (!lesson || !runtime) return;
    this.lessonError = null;
    try {
      await this.workspace.forget();
      // An untrusted lesson's setup waits for the learner's consent.
      const allowed = !this.consent.needs(lesson);
      await startLesson(runtime, allowed ? lesson : { ...lesson, setup: undefined });
      if (allowed) this.#setUp.add(lesson.id);
    } catch (error) {
      this.lessonError = `Reset lesson failed: ${(error as Error).message}`;
    } finally {
      await this.workspace.refresh();
      await this.#openStartFile();
      await this.checks.forgetLesson(lesson.id);
    }
  }

  /**
   * "Show me": write the step's solution files (the editor shows them) and
   * type its commands into the terminal, where the learner sees them run.
   */
  async showMe(step: Step): Promise<void> {
    const lesson = this.lessons.current;
    const runtime = this.sandbox.ready ? this.sandbox.runtime : null;
    if (!lesson || !runtime) return;
    this.lessonError = null;
    try {
      await this.workspace.save();
      await writeSolutionFiles(runtime, lesson, step);
      await this.workspace.refresh();
      const [first] = step.solutionFiles;
      if (first) await this.workspace.open(first);
      if (step.solution && !this.run(step.solution)) {
        this.lessonError = "The terminal is not ready yet: wait for the sandbox to start.";
      }
      this.checks.schedule();
    } catch (error) {
      this.lessonError = `Show me failed: ${(error as Error).message}`;
    }
  }

  /** A workspace file's current text (the editor's, if open), or null when there is none. */
  async readWorkspaceFile(path: string): Promise<string | null> {
    const open = this.workspace.bufferOf(path);
    if (open?.kind === "text") return open.text;
    const runtime = this.sandbox.ready ? this.sandbox.runtime : null;
    if (!runtime) return null;
    try {
      return new TextDecoder().decode(await runtime.readFile(path));
    } catch {
      return null;
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
    this.checks.detach();
    await this.workspace.save().catch(() => {});
    await this.workspace.persist().catch(() => {});
    this.workspace.detach();
    this.preview.detach();
    this.disk.detach();
    await this.sandbox.reset();
  }

  async #openStartFile(): Promise<void> {
    const lesson = this.lessons.current;
    const files = this.workspace.entries.filter((e) => e.type === "file").map((e) => e.path);
    const path = firstFile(files, lesson?.focus);
    if (path && !this.workspace.activePath) await this.workspace.open(path).catch(() => {});
  }
}
