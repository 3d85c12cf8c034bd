import type * as Monaco from "monaco-editor/editor";
import type { Diagnostic } from "vscode-languageserver-types";
import { toMarkerData } from "./lsp.ts";

/** Wait after the last keystroke before re-validating. */
export const VALIDATE_DELAY_MS = 300;

interface Watch {
  timer: ReturnType<typeof setTimeout> | undefined;
  listener: Monaco.IDisposable;
}

/**
 * Keeps Monaco markers on every model in `languageId` (now and later) in step
 * with `validate`: at once when a model appears, then `delayMs` after its last
 * change. A model's markers are cleared when it is disposed or changes
 * language, since Monaco keeps markers per URI beyond the model's life.
 * The markers' owner is `languageId`.
 */
export function watchMarkers(
  monaco: typeof Monaco,
  languageId: string,
  validate: (text: string) => Diagnostic[],
  delayMs = VALIDATE_DELAY_MS,
): Monaco.IDisposable {
  const watched = new Map<Monaco.editor.ITextModel, Watch>();

  const run = (model: Monaco.editor.ITextModel) => {
    if (model.isDisposed()) return;
    let markers: Monaco.editor.IMarkerData[] = [];
    try {
      markers = validate(model.getValue()).map(toMarkerData);
    } catch (err) {
      // A linter bug must not cost the learner the editor: no markers instead.
      console.error(`${languageId} validation failed`, err);
    }
    monaco.editor.setModelMarkers(model, languageId, markers);
  };
  const watch = (model: Monaco.editor.ITextModel) => {
    if (model.getLanguageId() !== languageId || watched.has(model)) return;
    const entry: Watch = {
      timer: undefined,
      listener: model.onDidChangeContent(() => {
        clearTimeout(entry.timer);
        entry.timer = setTimeout(() => run(model), delayMs);
      }),
    };
    watched.set(model, entry);
    run(model);
  };
  const unwatch = (model: Monaco.editor.ITextModel) => {
    const entry = watched.get(model);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.listener.dispose();
    watched.delete(model);
    monaco.editor.setModelMarkers(model, languageId, []);
  };

  const subscriptions = [
    monaco.editor.onDidCreateModel(watch),
    monaco.editor.onWillDisposeModel(unwatch),
    monaco.editor.onDidChangeModelLanguage(({ model }) => {
      unwatch(model);
      watch(model);
    }),
  ];
  for (const model of monaco.editor.getModels()) watch(model);

  return {
    dispose() {
      for (const subscription of subscriptions) subscription.dispose();
      for (const model of [...watched.keys()]) unwatch(model);
    },
  };
}
