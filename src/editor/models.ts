/**
 * One Monaco model per workspace file, kept across file switches so each file
 * keeps its undo history, plus each file's view state (cursor, scroll, folds).
 *
 * This module imports Monaco's types only: the app can call disposeModel /
 * renameModel before the editor has loaded (they are no-ops then: no model
 * exists yet). monaco.ts binds the loaded API here.
 */
import type * as Monaco from "monaco-editor/editor";
import { languageForPath } from "./languages.ts";

type MonacoApi = typeof Monaco;

/** Where model URIs put the learner's files (as in the guest): `file:///workspace/<path>`. */
export const MODEL_ROOT = "/workspace/";

let api: MonacoApi | undefined;
const viewStates = new Map<string, Monaco.editor.ICodeEditorViewState>();

/** Makes the loaded Monaco API available to the helpers below (monaco.ts calls it). */
export function bindMonaco(monaco: MonacoApi): void {
  api = monaco;
}

function requireApi(): MonacoApi {
  if (!api) throw new Error("Monaco is not loaded yet: await loadMonaco() first");
  return api;
}

/** The model URI of a workspace-relative path. */
export function modelUri(monaco: MonacoApi, path: string): Monaco.Uri {
  return monaco.Uri.from({ scheme: "file", path: MODEL_ROOT + path.replace(/^\/+/, "") });
}

/** The workspace-relative path of a model, or undefined for models that are not workspace files. */
export function pathOfModel(model: Monaco.editor.ITextModel): string | undefined {
  const { scheme, path } = model.uri;
  return scheme === "file" && path.startsWith(MODEL_ROOT)
    ? path.slice(MODEL_ROOT.length)
    : undefined;
}

/** The model of `path`, created with `text` (and the language its name implies) if new. */
export function getOrCreateModel(path: string, text: string): Monaco.editor.ITextModel {
  const monaco = requireApi();
  const uri = modelUri(monaco, path);
  return monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, languageForPath(path), uri);
}

/** Whether `candidate` is the file `path` or lies in the folder `path`. */
function isAtOrUnder(candidate: string, path: string): boolean {
  return candidate === path || candidate.startsWith(path.replace(/\/+$/, "") + "/");
}

/** The workspace models at `path` or, for a folder, under it. */
function modelsAt(monaco: MonacoApi, path: string): Monaco.editor.ITextModel[] {
  return monaco.editor.getModels().filter((model) => {
    const p = pathOfModel(model);
    return p !== undefined && isAtOrUnder(p, path);
  });
}

/** Forgets the file (or folder) at `path`: disposes its models and view states. */
export function disposeModel(path: string): void {
  for (const key of [...viewStates.keys()]) {
    if (isAtOrUnder(key, path)) viewStates.delete(key);
  }
  if (!api) return;
  for (const model of modelsAt(api, path)) model.dispose();
}

/**
 * Moves the file (or folder) at `from` to `to`. A Monaco model's URI cannot
 * change, so each model is re-created under the new path with the same text
 * (its undo history does not survive; its view state does).
 */
export function renameModel(from: string, to: string): void {
  const move = (path: string) => to + path.slice(from.length);
  for (const [key, state] of [...viewStates]) {
    if (isAtOrUnder(key, from)) {
      viewStates.delete(key);
      viewStates.set(move(key), state);
    }
  }
  if (!api) return;
  for (const model of modelsAt(api, from)) {
    const path = move(pathOfModel(model)!);
    api.editor.getModel(modelUri(api, path))?.dispose();
    api.editor.createModel(model.getValue(), languageForPath(path), modelUri(api, path));
    model.dispose();
  }
}

/** Remembers where the learner was in `path` (call before switching away). */
export function saveViewState(
  path: string,
  state: Monaco.editor.ICodeEditorViewState | null,
): void {
  if (state) viewStates.set(path, state);
  else viewStates.delete(path);
}

/** The view state saved for `path`, if any. */
export function viewStateOf(path: string): Monaco.editor.ICodeEditorViewState | null {
  return viewStates.get(path) ?? null;
}
