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

/** Loads Monaco's diff view for the solution compare dialog (same chunk as the editor). */
export function loadSolutionDiff(): Promise<typeof import("./SolutionDiff.ts")> {
  return import("./SolutionDiff.ts");
}
