import type { HelloMessage, PreviewRequest, PreviewResponse, RequestMessage } from "./protocol.ts";
import { isMessage } from "./protocol.ts";

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
  const body = new TextEncoder().encode(
    `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="3"><title>Sandbox not ready</title>` +
      `<body style="font:15px system-ui,sans-serif;margin:2rem" data-preview-error="503"><h1 style="font-size:1.2rem">` +
      `Sandbox not ready</h1><p>${message.replace(/[&<>]/g, "")}</p><p><small>Retrying…</small></p>`,
  );
  return {
    status: 503,
    statusText: "Service Unavailable",
    headers: [["content-type", "text/html; charset=utf-8"]],
    body: body.buffer as ArrayBuffer,
  };
}
