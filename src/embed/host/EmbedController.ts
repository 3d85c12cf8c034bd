import {
  EmbedError,
  parseFromFrame,
  isResult,
  PROTOCOL_VERSION,
  type EventName,
  type Events,
  type LessonInfo,
  type Method,
  type Methods,
  type StepInfo,
  type Theme,
} from "../protocol.ts";

export type EmbedListener<E extends EventName> = (data: Events[E]) => void;

export interface ControllerHooks {
  /** Every event the frame sends, after the controller's own listeners. */
  onEvent?: <E extends EventName>(name: E, data: Events[E]) => void;
  /** Called once by destroy(): remove the frame. */
  onDestroy?: () => void;
}

interface Pending {
  method: Method;
  resolve: (result: unknown) => void;
  reject: (error: EmbedError) => void;
}

/**
 * The host page's handle on one widget, over the MessagePort the handshake
 * set up. `embed()` and `element.controller` hand it out once the frame has
 * welcomed the page; every call is a request the frame answers, and a
 * refusal comes back as an `EmbedError` with the frame's code.
 */
export class EmbedController {
  readonly #port: MessagePort;
  readonly #hooks: ControllerHooks;
  readonly #pending = new Map<number, Pending>();
  readonly #listeners = new Map<EventName, Set<(data: never) => void>>();
  #nextId = 1;
  #lesson: LessonInfo | null = null;
  #control: "trusted" | "ask" = "ask";
  #welcomed = false;
  #destroyed = false;
  #settle!: { resolve: () => void; reject: (error: EmbedError) => void };

  /** Resolves when the frame welcomes the page; rejects with EmbedError("denied") when it refuses. */
  readonly opened: Promise<void>;

  constructor(port: MessagePort, hooks: ControllerHooks = {}) {
    this.#port = port;
    this.#hooks = hooks;
    this.opened = new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
    this.opened.catch(() => {}); // the caller that awaits it sees the rejection
    port.addEventListener("message", (event) => this.#receive(event.data));
    port.start();
  }

  /** The lesson shown: from the welcome, then each `ready` and `openLesson`. */
  get lesson(): LessonInfo | null {
    return this.#lesson;
  }

  /** "trusted": control requests (exec, type, files, reset) run at once; "ask": the reader is asked first, in the widget. */
  get control(): "trusted" | "ask" {
    return this.#control;
  }

  /** Whether destroy() has run. */
  get destroyed(): boolean {
    return this.#destroyed;
  }

  /** Start the sandbox now, as the widget's Start button does. */
  async start(): Promise<void> {
    await this.#request("start", {});
  }

  /** Run `sh -c command` in the sandbox, out of the reader's sight. `timeoutMs`: the frame's default when absent. */
  exec(command: string, options: { timeoutMs?: number } = {}): Promise<Methods["exec"]["result"]> {
    const params: Methods["exec"]["params"] = { command };
    if (options.timeoutMs !== undefined) params.timeoutMs = options.timeoutMs;
    return this.#request("exec", params);
  }

  /** Type a command into the reader's terminal and press Enter. */
  async type(command: string): Promise<void> {
    await this.#request("type", { command });
  }

  async writeFile(path: string, content: string): Promise<void> {
    await this.#request("writeFile", { path, content });
  }

  async readFile(path: string): Promise<string> {
    return (await this.#request("readFile", { path })).content;
  }

  /** Start the lesson over: its start files, its setup, no step done. */
  async reset(): Promise<void> {
    await this.#request("reset", {});
  }

  /** Check the current step now; resolves to every step's status. */
  async check(): Promise<StepInfo[]> {
    return (await this.#request("check", {})).steps;
  }

  /** Open another lesson of the course, by id. */
  async openLesson(id: string): Promise<LessonInfo> {
    const { lesson } = await this.#request("openLesson", { id });
    this.#lesson = lesson;
    return lesson;
  }

  async setTheme(theme: Theme): Promise<void> {
    await this.#request("setTheme", { theme });
  }

  /** Listen to one of the widget's events; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: EmbedListener<E>): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as (data: never) => void);
    return () => set.delete(listener as (data: never) => void);
  }

  /** Fail every pending call, close the port and remove the frame. Later calls fail at once. */
  destroy(): void {
    if (this.#close(new EmbedError("failed", "destroyed"))) this.#hooks.onDestroy?.();
  }

  /** Fail what is pending and close the port; false when already closed. */
  #close(error: EmbedError): boolean {
    if (this.#destroyed) return false;
    this.#destroyed = true;
    if (!this.#welcomed) this.#settle.reject(error);
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
    this.#listeners.clear();
    this.#port.close();
    return true;
  }

  #request<M extends Method>(
    method: M,
    params: Methods[M]["params"],
  ): Promise<Methods[M]["result"]> {
    return new Promise((resolve, reject) => {
      if (this.#destroyed) return reject(new EmbedError("failed", "destroyed"));
      const id = this.#nextId++;
      this.#pending.set(id, { method, resolve: resolve as (r: unknown) => void, reject });
      try {
        this.#port.postMessage({ v: PROTOCOL_VERSION, type: "request", id, method, params });
      } catch (error) {
        // A value the structured clone cannot copy (a function, a DOM node).
        this.#pending.delete(id);
        reject(new EmbedError("bad-request", `${method}: ${(error as Error).message}`));
      }
    });
  }

  #receive(data: unknown): void {
    const message = parseFromFrame(data);
    if (!message) {
      console.debug("docker-sandbox: dropped an invalid message from the widget", data);
      return;
    }
    switch (message.type) {
      case "welcome":
        if (this.#welcomed) return;
        this.#welcomed = true;
        this.#lesson = message.lesson;
        this.#control = message.control;
        this.#settle.resolve();
        return;
      case "refused":
        // The frame stays: it tells the reader why it will not work here.
        this.#close(new EmbedError("denied", message.reason));
        return;
      case "response": {
        const pending = this.#pending.get(message.id);
        if (!pending) return;
        this.#pending.delete(message.id);
        if (!message.ok) pending.reject(new EmbedError(message.error.code, message.error.message));
        else if (!isResult(pending.method, message.result))
          pending.reject(
            new EmbedError("failed", `${pending.method}: the widget's answer is malformed`),
          );
        else pending.resolve(message.result);
        return;
      }
      case "event":
        if (message.name === "ready") this.#lesson = (message.data as Events["ready"]).lesson;
        for (const listener of this.#listeners.get(message.name) ?? []) {
          // One listener's exception neither stops the others nor the port.
          try {
            listener(message.data as never);
          } catch (error) {
            queueMicrotask(() => {
              throw error;
            });
          }
        }
        this.#hooks.onEvent?.(message.name, message.data);
        return;
    }
  }
}
