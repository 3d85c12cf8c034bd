type EditorModule = typeof import("./WorkspaceEditor.ts");

let loading: Promise<EditorModule> | undefined;

/**
 * Loads Monaco and the WorkspaceEditor class (several megabytes: call it
 * after the page has painted). Loads once; a failed load is retried on the
 * next call.
 */
export function loadEditor(): Promise<EditorModule> {
  loading ??= import("./WorkspaceEditor.ts").catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}
