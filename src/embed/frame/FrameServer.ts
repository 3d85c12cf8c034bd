import {
  CONTROL_METHODS,
  EmbedError,
  isConnect,
  parseRequest,
  PROTOCOL,
  PROTOCOL_VERSION,
  type ErrorCode,
  type EventName,
  type Events,
  type FromFrame,
  type LessonInfo,
  type Method,
  type Methods,
  type Request,
} from "../protocol.ts";

/** What the frame does for the host: the widget behind the protocol. */
export interface FrameHandler {
  /** The lesson shown now, for `welcome`. */
  lesson(): LessonInfo | null;
  handle<M extends Method>(method: M, params: Methods[M]["params"]): Promise<Methods[M]["result"]>;
  /** Ask the reader, in the widget, whether `origin` may act in their sandbox. */
  askReader(origin: string): Promise<boolean>;
}

/** Which embedding origins are welcome, and which are trusted to act without asking. */
export interface FramePolicy {
  /** Origins that may connect; null: any. */
  embedders: readonly string[] | null;
  /** Origins whose control requests (exec, type, files, reset) run without asking the reader. */
  trusted: readonly string[];
}

/** How often `hello` is repeated until a host connects (it may load its listener late). */
const HELLO_EVERY_MS = 500;
const HELLO_TIMES = 60;
/** Events kept while no host is connected yet (the boot's first progress, say). */
const MAX_QUEUED_EVENTS = 50;

/**
 * The frame's end of the embed protocol (protocol.ts): says hello to the
 * parent, accepts one `connect` from it, then answers requests and sends
 * events over the port. The browser vouches for the connecting origin
 * (`event.origin`); the frame checks it against its policy, and requests that
 * act in the reader's sandbox need a trusted origin or the reader's "yes".
 */
export class FrameServer {
  #port: MessagePort | null = null;
  #origin: string | null = null;
  /** The reader's answer for this host: null until asked. */
  #readerSaid: Promise<boolean> | null = null;
  #queue: { name: EventName; data: unknown }[] = [];
  #helloTimer: ReturnType<typeof setInterval> | null = null;
  readonly #onMessage = (event: MessageEvent) => this.#connect(event);

  constructor(
    private readonly win: Window,
    private readonly widget: string,
    private readonly policy: FramePolicy,
    private readonly handler: FrameHandler,
  ) {}

  /** The connected host's origin, or null. */
  get origin(): string | null {
    return this.#origin;
  }

  /** Start the handshake; does nothing in a top-level page (no host). */
  listen(): void {
    if (this.win.parent === this.win) return;
    this.win.addEventListener("message", this.#onMessage);
    const hello = {
      protocol: PROTOCOL,
      version: PROTOCOL_VERSION,
      type: "hello",
      widget: this.widget,
    };
    let times = 0;
    const say = () => {
      // "*": the frame does not know its embedder yet, and hello carries nothing secret.
      this.win.parent.postMessage(hello, "*");
      if (++times >= HELLO_TIMES) this.#stopHello();
    };
    say();
    this.#helloTimer = setInterval(say, HELLO_EVERY_MS);
  }

  /** Send an event to the host (kept until one connects). */
  emit<E extends EventName>(name: E, data: Events[E]): void {
    if (this.#port) this.#post({ v: PROTOCOL_VERSION, type: "event", name, data });
    else if (this.#queue.length < MAX_QUEUED_EVENTS) this.#queue.push({ name, data });
  }

  dispose(): void {
    this.#stopHello();
    this.win.removeEventListener("message", this.#onMessage);
    this.#port?.close();
    this.#port = null;
  }

  #stopHello(): void {
    if (this.#helloTimer) clearInterval(this.#helloTimer);
    this.#helloTimer = null;
  }

  #connect(event: MessageEvent): void {
    // Only our parent, only a well-formed connect for this widget, only once.
    if (event.source !== this.win.parent || this.#port || !isConnect(event.data)) return;
    if (event.data.widget !== this.widget || event.ports.length !== 1) return;
    const port = event.ports[0]!;
    this.#stopHello();
    if (event.data.version !== PROTOCOL_VERSION) {
      port.postMessage({
        v: PROTOCOL_VERSION,
        type: "refused",
        reason: `This sandbox speaks embed protocol ${PROTOCOL_VERSION}, not ${event.data.version}: load embed.js from the sandbox's site.`,
      });
      return port.close();
    }
    const { embedders, trusted } = this.policy;
    if (embedders && !embedders.includes(event.origin)) {
      port.postMessage({
        v: PROTOCOL_VERSION,
        type: "refused",
        reason: `${event.origin} may not embed this sandbox (its site allows: ${embedders.join(", ")}).`,
      });
      return port.close();
    }
    this.#port = port;
    this.#origin = event.origin;
    this.win.removeEventListener("message", this.#onMessage);
    port.onmessage = (message) => void this.#request(message.data);
    port.start();
    this.#post({
      v: PROTOCOL_VERSION,
      type: "welcome",
      control: trusted.includes(event.origin) ? "trusted" : "ask",
      lesson: this.handler.lesson(),
    });
    for (const { name, data } of this.#queue.splice(0)) this.emit(name, data as never);
  }

  async #request(data: unknown): Promise<void> {
    const parsed = parseRequest(data);
    if (!parsed.ok) {
      if (parsed.id !== null) this.#fail(parsed.id, "bad-request", parsed.problem);
      return;
    }
    const request: Request = parsed.request;
    try {
      if (CONTROL_METHODS.includes(request.method) && !(await this.#mayControl())) {
        throw new EmbedError(
          "denied",
          "The reader did not allow this page to act in their sandbox.",
        );
      }
      const result = await this.handler.handle(request.method, request.params);
      this.#post({ v: PROTOCOL_VERSION, type: "response", id: request.id, ok: true, result });
    } catch (err) {
      const [code, message] = describe(err);
      this.#fail(request.id, code, message);
    }
  }

  /** Trusted origins may; others once the reader said yes (asked once per connection). */
  #mayControl(): Promise<boolean> {
    const origin = this.#origin!;
    if (this.policy.trusted.includes(origin)) return Promise.resolve(true);
    // A question that could not be put (the widget had not started) is asked again next time.
    this.#readerSaid ??= this.handler.askReader(origin).catch((err: unknown) => {
      this.#readerSaid = null;
      throw err;
    });
    return this.#readerSaid;
  }

  #fail(id: number, code: ErrorCode, message: string): void {
    this.#post({ v: PROTOCOL_VERSION, type: "response", id, ok: false, error: { code, message } });
  }

  #post(message: FromFrame): void {
    this.#port?.postMessage(message);
  }
}

/** An error as the host sees it: a code it can branch on and a message for people. */
function describe(err: unknown): [ErrorCode, string] {
  if (err instanceof EmbedError) return [err.code, err.message];
  const e = err instanceof Error ? err : new Error(String(err));
  if (e.name === "ExecTimeoutError" || e.name === "TimeoutError") return ["timeout", e.message];
  return ["failed", e.message];
}
