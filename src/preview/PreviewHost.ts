import type { HelloMessage, PreviewRequest, PreviewResponse, RequestMessage } from "./protocol.ts";
import { isMessage } from "./protocol.ts";
import { page } from "./proxyRequest.ts";

/** Answers one preview request (normally `proxyRequest` bound to the running VM). */
export type PreviewHandler = (request: PreviewRequest) => Promise<PreviewResponse>;

/** The window the host listens on (a fake in unit tests). */
export interface HostWindow {
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
}

/**
 * The app's end of the live preview: every viewer (the preview pane's frame
 * or a preview opened in a new tab) says hello from the preview origin and
 * gets its own MessagePort; requests arriving on it are answered by
 * `handler` on the port the Service Worker handed over. Messages from any
 * other origin are ignored.
 */
export class PreviewHost {
  readonly #ports = new Set<MessagePort>();
  readonly #onMessage = (event: MessageEvent) => this.#hello(event);

  constructor(
    private readonly window: HostWindow,
    readonly previewOrigin: string,
    private readonly handler: () => PreviewHandler | null,
  ) {
    window.addEventListener("message", this.#onMessage);
  }

  #hello(event: MessageEvent): void {
    if (
      event.origin !== this.previewOrigin ||
      !isMessage<HelloMessage>(event.data, "sandbox-preview-hello")
    )
      return;
    const source = event.source as MessageEventSource | null;
    if (!source) return;
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (e) => this.#onPortMessage(port1, e);
    this.#ports.add(port1);
    (source as Window).postMessage(
      { type: "sandbox-preview-connect" },
      { targetOrigin: this.previewOrigin, transfer: [port2] },
    );
  }

  #onPortMessage(port: MessagePort, event: MessageEvent): void {
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
    const response: PreviewResponse = handler
      ? await handler(request).catch((error: unknown) => failure(String(error)))
      : failure("The sandbox is not running (it is starting, resetting or stopped).");
    reply.postMessage(response, response.body ? [response.body] : []);
    reply.close();
  }

  dispose(): void {
    this.window.removeEventListener("message", this.#onMessage);
    for (const port of this.#ports) port.close();
    this.#ports.clear();
  }
}

function failure(message: string): PreviewResponse {
  return page(503, "Sandbox not ready", `<p>${message.replace(/[&<>]/g, "")}</p>`, true);
}
