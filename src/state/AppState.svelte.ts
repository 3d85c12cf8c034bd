import type { Chapter } from "../content/createCatalog.ts";
import type { CheckStep, Lesson } from "../content/lesson.ts";
import { writeSolutionFiles } from "../exercise/applySolution.ts";
import { clearWorkspace, runLessonCommands, startLesson } from "../exercise/lessonStart.ts";
import { readSandboxHeader } from "../runtime/state/sandboxFile.ts";
import type { Runtime } from "../runtime/Runtime.ts";
import { isAbort, LatestOperation } from "../session/LatestOperation.ts";
import { SandboxSession } from "../session/SandboxSession.ts";
import { CheckState } from "./CheckState.svelte.ts";
import { ConsentState } from "./ConsentState.svelte.ts";
import { DiskState } from "./DiskState.svelte.ts";
import { LayoutState } from "./LayoutState.svelte.ts";
import { LessonState, type RouterWindow } from "./LessonState.svelte.ts";
import { PreviewState } from "./PreviewState.svelte.ts";
import type { ProgressStore } from "./progressStore.ts";
import { SandboxSaves } from "./SandboxSaves.svelte.ts";
import { SandboxState, type RuntimeFactory } from "./SandboxState.svelte.ts";
import type { SavedSandboxStore } from "./savedSandboxStore.ts";
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
  /** Where the learner's whole sandbox is kept for the next visit; null: not kept. */
  savedSandbox?: SavedSandboxStore | null;
}

/**
 * The terminal never waits longer than this for the learner's files: a
 * restore that hangs (offline, a disk chunk never kept) must not take the
 * keyboard with it (putting the files back usually takes seconds).
 */
const HOLD_INPUT_MAX_MS = 30_000;
/** Lesson ids whose setup ran in a saved VM, kept in the file's labels (at most this long). */
const SET_UP_LABEL_CHARS = 500;

/** The file a lesson starts with in the editor: its focus, else its Dockerfile, else its first file. */
function firstFile(paths: string[], focus?: string): string | null {
  if (focus && paths.includes(focus)) return focus;
  return paths.find((p) => /(^|\/)Dockerfile$/.test(p)) ?? paths[0] ?? null;
}

/**
 * The whole app's state and how the parts talk. The full app and the embed
 * widget are two layouts over it. The parts subscribe to one session
 * (SandboxSession): the sandbox restores the VM and starts a run; then the
 * lesson's workspace comes back (each lesson has its own) and its setup runs;
 * checks, the preview's ports and the file tree share the session's Docker
 * event stream; Enter in a terminal makes the file tree look for changes; the
 * build shortcut saves and types `docker build`.
 *
 * Lesson operations (entering a lesson, Reset lesson, Show me, Reset sandbox)
 * take an AbortSignal, and a new one cancels the one in flight.
 */
export class AppState {
  /** The sandbox's events and its shared Docker event stream. */
  readonly session: SandboxSession;
  readonly sandbox: SandboxState;
  readonly workspace: WorkspaceState;
  readonly lessons: LessonState;
  readonly checks: CheckState;
  readonly layout: LayoutState;
  readonly preview: PreviewState;
  /** The learner's "yes" to untrusted lessons' commands: until then they run nothing. */
  readonly consent: ConsentState;
  /** The guest disk's free space: a warning before it is full. */
  readonly disk = new DiskState();
  /** The whole sandbox kept across reloads, downloaded and opened from a file. */
  readonly saves: SandboxSaves;
  readonly chapters: readonly Chapter[];
  readonly lessonProblems: readonly string[];
  /** A lesson action (reset, show me) failed; shown above the lesson. */
  lessonError = $state<string | null>(null);
  readonly #stores: WorkspaceStores;
  /** Lessons whose setup ran in the current VM (a fresh VM has none). */
  #setUp = new Set<string>();
  /** The lesson operation in flight: a new one cancels it (never interleaved). */
  readonly #operation = new LatestOperation();
  /** What the saved sandbox about to start says: its lesson and the setups that ran in it. */
  #saved: { lesson: string | null; setUp: string[]; adoptFiles: boolean } | null = null;

  constructor(private readonly options: AppOptions) {
    this.session = new SandboxSession();
    this.sandbox = new SandboxState(this.session);
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
    this.saves = new SandboxSaves(options.savedSandbox ?? null, {
      lesson: () => this.lessons.current?.id ?? null,
      setUp: () => this.#setUpLabel(),
    });
    this.saves.attach(this.session);
    // A passed step is a moment worth keeping: the learner's work is in a good state.
    this.checks.onPassed = () => void this.saves.save("step");
    this.preview = new PreviewState(options.previewOrigin ?? null);
    this.chapters = options.chapters ?? [];
    this.lessonProblems = options.lessonProblems ?? [];
    const session = this.session;
    session.on("started", () => {
      this.#setUp.clear();
      const saved = this.sandbox.startedFrom === "saved" ? this.#saved : null;
      for (const id of saved?.setUp ?? []) this.#setUp.add(id);
      this.preview.attach(session);
      this.disk.attach(session);
    });
    // The lesson comes back in this order each time a VM is up; the prompt opens alongside.
    session.onStart(async (runtime) => {
      // The prompt shows before the files are back; what the learner types
      // meanwhile waits for them (a `cat` right after a reload shows the edit).
      const release = this.sandbox.terminals.holdInput();
      const atMost = setTimeout(release, HOLD_INPUT_MAX_MS);
      try {
        await this.#takeOverSavedWorkspace(runtime);
        await this.workspace.attach(runtime, this.lessons.current?.files ?? {});
      } finally {
        clearTimeout(atMost);
        release();
      }
      await this.#setUpLesson(runtime);
      await this.#openStartFile();
      await this.checks.attach(session);
    });
    session.on("terminalInput", (data) => this.workspace.noticeTerminalInput(data));
    session.on("docker", (event) => this.workspace.noticeDockerEvent(event));
    this.workspace.onChanged = () => session.emit("workspaceChanged", null);
    this.lessons.onChange = () => void this.enterLesson().catch(() => {});
  }

  /** The runtime of a ready sandbox, or null. */
  get #runtime(): Runtime | null {
    return this.sandbox.ready ? this.sandbox.runtime : null;
  }

  /**
   * Start the sandbox: the one this browser kept (the learner's images and
   * containers come back), else the ready snapshot.
   */
  async start(signal?: AbortSignal): Promise<void> {
    await this.checks.load().catch(() => {});
    const from = await this.saves.bytesForRestore();
    const summary = this.saves.summary;
    this.#saved = from ? this.#savedLabels(from, false) : null;
    await this.sandbox.boot(this.options.runtime, {
      ...(signal ? { signal } : {}),
      from,
      onRestoreFailed: (error) =>
        this.saves.noteRestore(summary, `${error.message.replace(/\.$/, "")}.`),
      onRestored: () => this.saves.noteRestore(summary),
    });
    this.saves.markClean();
  }

  /**
   * Open a saved sandbox (a file from "Download sandbox", maybe another
   * learner's): its lesson opens, its VM replaces this tab's, and its
   * /workspace replaces this browser's copy of that lesson's files. It is
   * then the sandbox this browser keeps. A file that is not a saved sandbox,
   * is damaged or from another VM build is refused and nothing changes.
   */
  async openSandbox(bytes: Uint8Array, signal?: AbortSignal): Promise<void> {
    const labels = this.#savedLabels(bytes, true); // throws for a file that is no saved sandbox
    if (labels.lesson && labels.lesson !== this.lessons.current?.id) {
      this.lessons.go(labels.lesson);
    }
    await this.#operation.run(async () => {
      await this.workspace.save().catch(() => {});
      await this.workspace.persist().catch(() => {});
      this.workspace.detach();
      this.#saved = labels;
      try {
        await this.sandbox.reset({ from: bytes });
      } finally {
        this.#saved = null;
      }
      if (this.sandbox.startedFrom === "saved") await this.saves.adopt(bytes);
    }, signal);
  }

  /** The labels of a saved sandbox this app understands (its lesson only if the course has it). */
  #savedLabels(
    bytes: Uint8Array,
    adoptFiles: boolean,
  ): { lesson: string | null; setUp: string[]; adoptFiles: boolean } {
    const { meta } = readSandboxHeader(bytes);
    const known = (id: string) => this.options.lessons.some((l) => l.id === id);
    const lesson = meta.lesson && known(meta.lesson) ? meta.lesson : null;
    const setUp = (meta.setUp ?? "").split(",").filter(known);
    return { lesson, setUp, adoptFiles };
  }

  /** The lessons whose setup ran in this VM, for the saved sandbox's labels. */
  #setUpLabel(): string {
    let label = "";
    for (const id of [...this.#setUp].reverse()) {
      const next = label ? `${label},${id}` : id;
      if (next.length > SET_UP_LABEL_CHARS) break;
      label = next;
    }
    return label;
  }

  /**
   * A saved sandbox's /workspace holds the files of the lesson it was saved
   * in. Opened from a file, those files are the point (an instructor looking
   * at a learner's work): this browser's copy of that lesson is dropped so
   * the guest's files stay. Restored at start, this browser's copies are the
   * newest: a different lesson's files are cleared out before they come back.
   */
  async #takeOverSavedWorkspace(runtime: Runtime): Promise<void> {
    const saved = this.sandbox.startedFrom === "saved" ? this.#saved : null;
    if (!saved) return;
    if (saved.adoptFiles) {
      await this.workspace.forget().catch(() => {});
    } else if (saved.lesson !== this.lessons.current?.id) {
      await clearWorkspace(runtime).catch(() => {});
    }
  }

  /**
   * The current lesson opened (LessonState changed it): its own workspace
   * replaces the last one's (which is kept), and its setup runs. Opening
   * another lesson meanwhile cancels this.
   */
  enterLesson(signal?: AbortSignal): Promise<void> {
    return this.#operation.run(async (signal) => {
      const lesson = this.lessons.current;
      this.lessonError = null;
      this.checks.setLesson(lesson);
      if (!lesson) return;
      await this.workspace.switchTo(this.#stores(`lesson:${lesson.id}`), lesson.files);
      signal.throwIfAborted();
      const runtime = this.#runtime;
      if (!runtime) return;
      await this.#setUpLesson(runtime, signal);
      signal.throwIfAborted();
      await this.#openStartFile();
      if (lesson.cwd !== "/workspace") this.run(`cd ${lesson.cwd}`);
    }, signal);
  }

  /**
   * The learner agreed to the current (untrusted) lesson's commands, as shown
   * in the consent dialog: its setup runs now, and its checks may run.
   */
  async allowLessonCommands(): Promise<void> {
    const lesson = this.lessons.current;
    if (!lesson) return;
    this.consent.grant(lesson);
    const runtime = this.#runtime;
    if (runtime) await this.#setUpLesson(runtime);
    this.checks.schedule();
  }

  /** Run the lesson's setup once per VM (Reset lesson runs it again); never before consent. */
  async #setUpLesson(runtime: Runtime, signal?: AbortSignal): Promise<void> {
    const lesson = this.lessons.current;
    if (!lesson?.setup || this.#setUp.has(lesson.id) || this.consent.needs(lesson)) return;
    try {
      await runLessonCommands(runtime, lesson, "The lesson's setup", lesson.setup, signal);
      this.#setUp.add(lesson.id);
    } catch (error) {
      if (isAbort(error)) throw error;
      this.lessonError = `${(error as Error).message}. Try "Reset lesson".`;
    }
  }

  /**
   * Start the lesson over: its start files replace the workspace (the kept
   * copy is dropped), its setup runs again, and its steps count as not done.
   */
  resetLesson(signal?: AbortSignal): Promise<void> {
    return this.#operation.run(async (signal) => {
      const lesson = this.lessons.current;
      const runtime = this.#runtime;
      if (!lesson || !runtime) return;
      this.lessonError = null;
      try {
        await this.workspace.forget();
        // An untrusted lesson's setup waits for the learner's consent.
        const allowed = !this.consent.needs(lesson);
        await startLesson(runtime, allowed ? lesson : { ...lesson, setup: undefined }, signal);
        if (allowed) this.#setUp.add(lesson.id);
      } catch (error) {
        if (!isAbort(error)) this.lessonError = `Reset lesson failed: ${(error as Error).message}`;
      } finally {
        await this.workspace.refresh();
        await this.#openStartFile();
        await this.checks.forgetLesson(lesson.id);
      }
      signal.throwIfAborted();
    }, signal);
  }

  /**
   * "Show me": write the step's solution files (the editor shows them) and
   * type its commands into the terminal, where the learner sees them run.
   */
  showMe(step: CheckStep, signal?: AbortSignal): Promise<void> {
    return this.#operation.run((signal) => this.#showMe(step, signal), signal);
  }

  async #showMe(step: CheckStep, signal: AbortSignal): Promise<void> {
    const lesson = this.lessons.current;
    const runtime = this.#runtime;
    if (!lesson || !runtime) return;
    this.lessonError = null;
    try {
      await this.workspace.save();
      signal.throwIfAborted();
      await writeSolutionFiles(runtime, lesson, step);
      signal.throwIfAborted();
      await this.workspace.refresh();
      const [first] = step.solutionFiles;
      if (first) await this.workspace.open(first);
      if (step.solution && !this.run(step.solution)) {
        this.lessonError = "The terminal is not ready yet: wait for the sandbox to start.";
      }
      this.checks.schedule();
    } catch (error) {
      if (isAbort(error)) throw error;
      this.lessonError = `Show me failed: ${(error as Error).message}`;
    }
  }

  /** A workspace file's current text (the editor's, if open), or null when there is none. */
  async readWorkspaceFile(path: string): Promise<string | null> {
    const open = this.workspace.bufferOf(path);
    if (open?.kind === "text") return open.text;
    const runtime = this.#runtime;
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

  /**
   * Fresh VM from the ready snapshot ("Reset sandbox", "Start fresh"), and
   * the sandbox kept for the next visit is forgotten; the learner's files are kept. Cancels
   * the lesson operation in flight; the session tells the checks, the
   * preview and the disk watch that the old VM is gone.
   */
  reset(signal?: AbortSignal): Promise<void> {
    return this.#operation.run(async () => {
      // Start fresh means fresh after a reload too: the kept sandbox goes.
      await this.saves.forget().catch(() => {});
      await this.workspace.save().catch(() => {});
      await this.workspace.persist().catch(() => {});
      this.workspace.detach();
      await this.sandbox.reset();
    }, signal);
  }

  /** Stop the sandbox and everything that follows it (a widget removed from its page). */
  async dispose(): Promise<void> {
    this.#operation.cancel();
    await this.workspace.persist().catch(() => {});
    this.session.dispose();
    this.workspace.dispose();
    this.checks.dispose();
    await this.sandbox.runtime?.dispose();
  }

  async #openStartFile(): Promise<void> {
    const lesson = this.lessons.current;
    const files = this.workspace.entries.filter((e) => e.type === "file").map((e) => e.path);
    const path = firstFile(files, lesson?.focus);
    if (path) await this.workspace.openIfNone(path).catch(() => {});
  }
}
