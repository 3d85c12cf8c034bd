import { languageForPath } from "./languages.ts";
import { monaco, setEditorTheme } from "./monaco.ts";

/**
 * A read-only Monaco diff editor: the learner's file (left) against the
 * lesson's solution (right). Its models are its own (not the workspace's),
 * so comparing never touches the learner's undo history.
 */
export class SolutionDiff {
  readonly #editor: monaco.editor.IStandaloneDiffEditor;
  #models: monaco.editor.ITextModel[] = [];

  constructor(host: HTMLElement, dark: boolean) {
    setEditorTheme(dark);
    this.#editor = monaco.editor.createDiffEditor(host, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 13,
    });
  }

  /** Compare `mine` (null: the learner has no such file) with `solution`, for `path`. */
  show(path: string, mine: string | null, solution: string): void {
    const language = languageForPath(path);
    const original = monaco.editor.createModel(mine ?? "", language);
    const modified = monaco.editor.createModel(solution, language);
    this.#editor.setModel({ original, modified });
    for (const model of this.#models) model.dispose();
    this.#models = [original, modified];
  }

  /** Number of changed regions between the two sides (after the diff computed). */
  get changes(): number {
    return this.#editor.getLineChanges()?.length ?? 0;
  }

  dispose(): void {
    this.#editor.dispose();
    for (const model of this.#models) model.dispose();
    this.#models = [];
  }
}
