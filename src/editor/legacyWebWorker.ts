/**
 * Monaco's `createWebWorker` as monaco-editor < 0.55 offered it, for
 * libraries written against it (monaco-yaml, through monaco-worker-manager).
 */
import type * as Monaco from "monaco-editor/editor";

type MonacoApi = typeof Monaco;

/** What monaco-worker-manager passes to `monaco.editor.createWebWorker`. */
export interface LegacyWebWorkerOptions {
  /** Passed on to MonacoEnvironment.getWorker as its first argument. */
  moduleId: string;
  /** Passed on to MonacoEnvironment.getWorker, which picks the worker bundle by it. */
  label: string;
  /** The worker's settings, handed to its `initialize` callback. */
  createData?: unknown;
}

/**
 * `monaco` with an `editor.createWebWorker` that takes the options of
 * Monaco < 0.55 (`{ moduleId, label, createData }`) instead of a started
 * worker. It starts one as Monaco's JSON language does: from
 * MonacoEnvironment.getWorker by label, then the handshake of Monaco's worker
 * `initialize` (a first message installs it, the second carries the create
 * data). Everything else is `monaco`'s own.
 */
export function withLegacyWebWorker(monaco: MonacoApi) {
  const createWebWorker = <T extends object>(options: LegacyWebWorkerOptions) => {
    const getWorker = globalThis.MonacoEnvironment?.getWorker;
    if (!getWorker) throw new Error("MonacoEnvironment.getWorker is not set (see monaco.ts)");
    const worker = Promise.resolve(getWorker(options.moduleId, options.label)).then((started) => {
      started.postMessage("ignore");
      started.postMessage(options.createData);
      return started;
    });
    return monaco.editor.createWebWorker<T>({ worker });
  };
  return { ...monaco, editor: { ...monaco.editor, createWebWorker } };
}
