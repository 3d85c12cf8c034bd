import type { Runtime } from "../../runtime/Runtime.ts";

/**
 * The guest the workspace lives in, shared by its parts: the runtime while
 * attached, and the last failure of a file operation there (one message for
 * the learner, whichever part failed; a later success clears it).
 */
export class Guest {
  #runtime = $state.raw<Runtime | null>(null);
  #error = $state<string | null>(null);

  /** The attached runtime; null while detached. */
  get runtime(): Runtime | null {
    return this.#runtime;
  }
  set runtime(runtime: Runtime | null) {
    this.#runtime = runtime;
  }

  /** A file operation in the guest failed: why, for the learner. Null when the last one worked. */
  get error(): string | null {
    return this.#error;
  }
  set error(message: string | null) {
    this.#error = message;
  }

  /** The runtime, for an operation that cannot wait for one. */
  require(): Runtime {
    if (!this.#runtime) throw new Error("The sandbox is not running yet.");
    return this.#runtime;
  }
}
