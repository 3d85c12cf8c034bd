import type { HelloMessage, PreviewRequest, PreviewResponse, RequestMessage } from "./protocol.ts";
import { isMessage } from "./protocol.ts";
import { targetOf } from "./previewUrl.ts";
import { page } from "./proxyRequest.ts";

/** Answers one preview request (normally `proxyRequest` bound to the running VM). */
export type PreviewHandler = (request: PreviewRequest) => Promise<PreviewResponse>;

/** The window the host listens on (a fake in unit tests). */
export interface HostWindow {
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

export interface PreviewHostOptions {
  /** Whether a running container publishes this guest port now; requests for any other get a 403 page. */
  isPublished: (port: number) => boolean;
  /** Live viewer ports at most; a hello beyond it closes the oldest. Default 16. */
  maxPorts?: number;
  /**
   * Close a viewer's port after this long without a ping or request. Default
   * 2 min: a viewer pings every 2 s, but Chrome wakes the timers of a tab
   * hidden for 5 min only once a minute. A viewer whose port was closed
   * notices the missing pongs and says hello again.
   */
  idleMs?: number;
  /** Hellos answered per second at most; the rest are dropped (a viewer repeats its hello every 2 s). Default 8. */
  hellosPerSecond?: number;
}

/**
 * The app's end of the live preview: every viewer (the preview pane's frame
 * or a preview opened in a new tab) says hello from the preview origin and
 * gets its own MessagePort; requests arriving on it are answered by
 * `handler` on the port the Service Worker handed over. Messages from any
 * other origin are ignored.
 *
 * Any page on the preview origin can say hello, container content included,
 * so the host bounds what that costs: ports of silent viewers are closed,
 * live ports are capped, hellos are rate-limited, and only published ports
 * are proxied (not, say, a learner's dockerd on tcp://0.0.0.0:2375).
 */
export class PreviewHost {
  /** Live ports, oldest first, with their idle timers. */
  readonly #ports = new Map<MessagePort, ReturnType<typeof setTimeout>>();
  readonly #onMessage = (event: MessageEvent) => this.#hello(event);
  readonly #maxPorts: number;
  readonly #idleMs: number;
  readonly #hellosPerSecond: number;
  #helloWindowStart = 0;
  #hellosInWindow = 0;

  constructor(
    private readonly window: HostWindow,
    readonly previewOrigin: string,
    private readonly handler: () => PreviewHandler | null,
    private readonly options: PreviewHostOptions,
  ) {
    this.#maxPorts = options.maxPorts ?? 16;
    this.#idleMs = options.idleMs ?? 120_000;
    this.#hellosPerSecond = options.hellosPerSecond ?? 8;
    window.addEventListener("message", this.#onMessage);
  }

  #hello(event: MessageEvent): void {
    if (
      event.origin !== this.previewOrigin ||
      !isMessage<HelloMessage>(event.data, "sandbox-preview-hello")
    )
      return;
    const source = event.source as MessageEventSource | null;
    if (!source || !this.#admitHello()) return;
    while (this.#ports.size >= this.#maxPorts) this.#close(this.#ports.keys().next().value!);
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (e) => this.#onPortMessage(port1, e);
    this.#touch(port1);
    (source as Window).postMessage(
      { type: "sandbox-preview-connect" },
      { targetOrigin: this.previewOrigin, transfer: [port2] },
    );
  }

  /** One more hello in this second, if the budget allows. */
  #admitHello(): boolean {
    const now = Date.now();
    if (now - this.#helloWindowStart >= 1000) {
      this.#helloWindowStart = now;
      this.#hellosInWindow = 0;
    }
    return ++this.#hellosInWindow <= this.#hellosPerSecond;
  }

  /** (Re)start `port`'s idle timer. */
  #touch(port: MessagePort): void {
    clearTimeout(this.#ports.get(port));
    this.#ports.set(
      port,
      setTimeout(() => this.#close(port), this.#idleMs),
    );
  }

  #close(port: MessagePort): void {
    clearTimeout(this.#ports.get(port));
    this.#ports.delete(port);
    port.close();
  }

  #onPortMessage(port: MessagePort, event: MessageEvent): void {
    if (!this.#ports.has(port)) return;
    this.#touch(port);
    if (isMessage(event.data, "sandbox-preview-ping")) {
      port.postMessage({ type: "sandbox-preview-pong" });
      return;
    }
    const reply = event.ports[0];
    if (!reply || !isMessage<RequestMessage>(event.data, "sandbox-preview-request")) return;
    void this.#answer(event.data.request, reply);
  }

  async #answer(request: PreviewRequest, reply: MessagePort): Promise<void> {
    const handler = this.handler();
    const port = targetOf(request)?.port;
    const response: PreviewResponse = !handler
      ? failure("The sandbox is not running (it is starting, resetting or stopped).")
      : port !== undefined && !this.options.isPublished(port)
        ? notPublished(port)
        : await handler(request).catch((error: unknown) => failure(String(error)));
    reply.postMessage(response, response.body ? [response.body] : []);
    reply.close();
  }

  dispose(): void {
    this.window.removeEventListener("message", this.#onMessage);
    for (const port of [...this.#ports.keys()]) this.#close(port);
  }
}

function failure(message: string): PreviewResponse {
  return page(503, "Sandbox not ready", `<p>${message.replace(/[&<>]/g, "")}</p>`, true);
}

function notPublished(port: number): PreviewResponse {
  return {
    // Retries: the learner may be about to (re)start the container that publishes it.
    ...page(
      403,
      `Port ${port} is not published`,
      `<p>The preview shows only ports that a running container publishes, and no container
      publishes port <b>${port}</b> right now.</p>
      <ul>
        <li>Publish it: <code>docker run -p ${port}:&lt;container port&gt; …</code></li>
        <li><code>docker ps</code> lists the published ports (<code>0.0.0.0:${port}-&gt;…</code>).</li>
      </ul>`,
      true,
    ),
    statusText: "Forbidden",
  };
}
