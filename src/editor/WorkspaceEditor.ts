import { monaco, setEditorTheme } from "./monaco.ts";
import { minimalEdit } from "./minimalEdit.ts";
import { getOrCreateModel, pathOfModel, saveViewState, viewStateOf } from "./models.ts";

export interface WorkspaceEditorOptions {
  /** The learner changed `path` (typing, paste, undo…); not called for `show`'s reloads. */
  onEdit: (path: string, text: string) => void;
  /** Ctrl/Cmd+S (the browser's save dialog is suppressed while the editor has focus). */
  onSave?: () => void;
  /** Ctrl/Cmd+Enter; without it the key keeps Monaco's "insert line below". */
  onRun?: () => void;
  /** Dark theme (`vs-dark`) instead of light (`vs`). Default false. */
  dark?: boolean;
}

/**
 * A Monaco editor over the learner's workspace files: one model per path, so
 * switching files keeps each file's undo history, cursor and scroll position.
 * Whoever creates it disposes it; the models outlive it (see models.ts).
 */
export class WorkspaceEditor {
  readonly #editor: monaco.editor.IStandaloneCodeEditor;
  readonly #disposables: monaco.IDisposable[] = [];
  #path: string | null = null;
  #reloading = false;

  constructor(host: HTMLElement, options: WorkspaceEditorOptions) {
    setEditorTheme(options.dark ?? false);
    this.#editor = monaco.editor.create(host, {
      model: null,
      ariaLabel: "Editor",
      automaticLayout: true,
      // Hovers and suggestions may overflow the editor's pane.
      fixedOverflowWidgets: true,
      fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace",
      fontSize: 14,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderWhitespace: "selection",
    });
    const { KeyCode, KeyMod } = monaco;
    this.#disposables.push(
      this.#editor.onDidChangeModelContent(() => {
        const model = this.#editor.getModel();
        const path = this.#shownPath();
        if (!this.#reloading && model && path !== undefined) options.onEdit(path, model.getValue());
      }),
      // renameModel re-creates a model under its new path: follow it.
      monaco.editor.onDidCreateModel((model) => {
        if (this.#path !== null && pathOfModel(model) === this.#path) this.#attach(model);
      }),
      this.#editor.addAction({
        id: "workspace.save",
        label: "Save File",
        keybindings: [KeyMod.CtrlCmd | KeyCode.KeyS],
        run: () => options.onSave?.(),
      }),
    );
    if (options.onRun) {
      const onRun = options.onRun;
      this.#disposables.push(
        this.#editor.addAction({
          id: "workspace.run",
          label: "Run",
          keybindings: [KeyMod.CtrlCmd | KeyCode.Enter],
          run: () => onRun(),
        }),
      );
    }
  }

  /** The Monaco editor itself, for tests and harnesses. */
  get editor(): monaco.editor.IStandaloneCodeEditor {
    return this.#editor;
  }

  /**
   * Shows `path`, whose current text is `text`. A new path gets a model with
   * that text. If the model holds something else (the file changed on disk),
   * the difference is applied as one undoable edit — not reported to onEdit.
   */
  show(path: string, text: string): void {
    if (path !== this.#path) this.#editor.updateOptions({ ariaLabel: `Editor: ${path}` });
    this.#path = path;
    const model = getOrCreateModel(path, text);
    if (this.#editor.getModel() !== model) this.#attach(model);
    if (model.getValue() !== text) this.#reload(model, text);
  }

  /** Follows `prefers-color-scheme` (the theme is global to all Monaco editors). */
  setDark(dark: boolean): void {
    setEditorTheme(dark);
  }

  focus(): void {
    this.#editor.focus();
  }

  dispose(): void {
    this.#saveViewState();
    for (const disposable of this.#disposables.splice(0)) disposable.dispose();
    this.#editor.dispose();
  }

  #attach(model: monaco.editor.ITextModel): void {
    this.#saveViewState();
    this.#editor.setModel(model);
    const path = pathOfModel(model);
    const state = path === undefined ? null : viewStateOf(path);
    if (state) this.#editor.restoreViewState(state);
  }

  /** The workspace path of the model on screen, if any. */
  #shownPath(): string | undefined {
    const model = this.#editor.getModel();
    return model ? pathOfModel(model) : undefined;
  }

  #saveViewState(): void {
    const path = this.#shownPath();
    if (path !== undefined) saveViewState(path, this.#editor.saveViewState());
  }

  #reload(model: monaco.editor.ITextModel, text: string): void {
    const change = minimalEdit(model.getValue(), text);
    const start = model.getPositionAt(change.start);
    const end = model.getPositionAt(change.end);
    const range = new monaco.Range(start.lineNumber, start.column, end.lineNumber, end.column);
    const selections = this.#editor.getModel() === model ? this.#editor.getSelections() : null;
    this.#reloading = true;
    try {
      // Its own undo step: Ctrl+Z brings back the text from before the reload.
      model.pushStackElement();
      model.pushEditOperations(selections, [{ range, text: change.text }], () => null);
      model.pushStackElement();
    } finally {
      this.#reloading = false;
    }
  }
}
