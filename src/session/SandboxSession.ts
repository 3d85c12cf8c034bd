import type { Unsubscribe } from "../runtime/ByteStream.ts";
import { followEvents } from "../runtime/docker/followEvents.ts";
import type { DockerEvent } from "../runtime/docker/types.ts";
import { Emitter } from "../runtime/Emitter.ts";
import type { Runtime } from "../runtime/Runtime.ts";
import { Disposables } from "./Disposables.ts";

/** What happens in a session, as a typed map (STYLE.md, 6). */
export interface SessionEvents {
  /** A runtime is up (the first start, or again after a reset). */
  started: Runtime;
  /** The runtime is going away (reset, crash, dispose): stop using it. */
  stopping: Runtime;
  /** An event from the daemon's shared `/events` stream. */
  docker: DockerEvent;
  /**
   * The shared stream is (again) subscribed. `again`: it had ended (dockerd
   * restarted) and events were missed meanwhile: look at the state afresh.
   */
  dockerSubscribed: { again: boolean };
  /** Keystrokes the learner typed into a terminal. */
  terminalInput: string;
  /** A workspace file changed (a save, or a change made in the terminal). */
  workspaceChanged: null;
}

export interface SessionOptions {
  /** First wait before following Docker events again after the stream ended (doubles up to 30 s). */
  retryMs?: number;
}

/**
 * One sandbox's session, for as long as the page (or widget) lives: the
 * runtime that is up now, typed events the parts of the app subscribe to,
 * and ONE subscription to the daemon's events that the checks, the preview's
 * port list and the file tree share (the daemon answers every `/events`
 * subscriber with the same stream; each part picks the events it cares about).
 *
 * The stream is opened when a runtime starts, followed again with backoff
 * when it ends (`service docker restart`), and closed when the runtime stops.
 * Everything a run set up is in `run`, disposed when it stops; everything the
 * session set up is in `disposables`, disposed with it.
 */
export class SandboxSession {
  readonly #events = new Emitter<SessionEvents>();
  readonly #onStart = new Set<(runtime: Runtime) => Promise<void> | void>();
  readonly #retryMs: number;
  #runtime: Runtime | null = null;
  #run = new Disposables();
  #following: Promise<void> = Promise.resolve();
  /** What the session itself set up (listeners of its parts); disposed with it. */
  readonly disposables = new Disposables();

  constructor(options: SessionOptions = {}) {
    this.#retryMs = options.retryMs ?? 1000;
    // No run until `begin`: what is added to `run` before then is undone at once.
    this.#run.dispose();
  }

  /** The runtime that is up, or null between runs. */
  get runtime(): Runtime | null {
    return this.#runtime;
  }

  /** What the current run set up; disposed when it stops. */
  get run(): Disposables {
    return this.#run;
  }

  /** Resolves once the shared Docker stream made its first attempt in this run. */
  get dockerFollowing(): Promise<void> {
    return this.#following;
  }

  on<K extends keyof SessionEvents>(
    event: K,
    listener: (value: SessionEvents[K]) => void,
  ): Unsubscribe {
    return this.#events.on(event, listener);
  }

  emit<K extends keyof SessionEvents>(event: K, value: SessionEvents[K]): void {
    this.#events.emit(event, value);
  }

  /**
   * Work to do, in order of registration, each time a runtime is up (restore
   * the learner's files, run the lesson's setup): `begin` waits for it.
   */
  onStart(step: (runtime: Runtime) => Promise<void> | void): Unsubscribe {
    this.#onStart.add(step);
    return () => this.#onStart.delete(step);
  }

  /**
   * `runtime` is up: follow its Docker events, tell the subscribers, then do
   * the start-up work. Resolves when that work is done.
   */
  async begin(runtime: Runtime): Promise<void> {
    this.end();
    this.#runtime = runtime;
    const run = (this.#run = new Disposables());
    const abort = new AbortController();
    run.add(() => abort.abort());
    this.#following = new Promise<void>((onFirstAttempt) => {
      void followEvents(
        runtime.docker,
        {
          signal: abort.signal,
          retryMs: this.#retryMs,
          onFirstAttempt,
          onSubscribed: (again) => this.#events.emit("dockerSubscribed", { again }),
        },
        (event) => this.#events.emit("docker", event),
      );
    });
    this.#events.emit("started", runtime);
    for (const step of [...this.#onStart]) {
      if (run.disposed) return;
      await step(runtime);
    }
  }

  /** The runtime stops (reset, crash): tell the subscribers and close what the run opened. */
  end(): void {
    const runtime = this.#runtime;
    if (!runtime) return;
    this.#runtime = null;
    this.#events.emit("stopping", runtime);
    this.#run.dispose();
    this.#following = Promise.resolve();
  }

  dispose(): void {
    this.end();
    this.disposables.dispose();
    this.#events.clear();
    this.#onStart.clear();
  }
}
