import { EmbedError, isHello, PROTOCOL, PROTOCOL_VERSION, type Connect } from "../protocol.ts";
import { EmbedController, type ControllerHooks } from "./EmbedController.ts";

export interface ConnectOptions extends ControllerHooks {
  frame: HTMLIFrameElement;
  /** The sandbox's origin: the only one whose `hello` counts and to which `connect` goes. */
  origin: string;
  /** The id in the frame's URL, which its `hello` must carry. */
  widget: string;
  /** How long to wait for `hello`. Default 30 s. */
  timeoutMs?: number;
  /** Aborting stops waiting and destroys the controller (rejecting with EmbedError("failed", "destroyed")). */
  signal?: AbortSignal;
}

/**
 * The host's half of the handshake (src/embed/protocol.ts): wait for the
 * frame's `hello`, answer `connect` with one end of a new MessageChannel,
 * and resolve once the frame welcomes the page on it.
 */
export function connectFrame(options: ConnectOptions): Promise<EmbedController> {
  const { frame, origin, widget, timeoutMs = 30_000, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new EmbedError("failed", "destroyed"));
    let controller: EmbedController | null = null;
    const stop = () => {
      clearTimeout(timer);
      window.removeEventListener("message", onMessage);
    };
    const fail = (error: EmbedError) => {
      stop();
      signal?.removeEventListener("abort", onAbort);
      reject(error);
    };
    // The signal owns the widget's lifetime: aborting also destroys a controller already handed out.
    const onAbort = () => {
      stop();
      reject(new EmbedError("failed", "destroyed"));
      controller?.destroy();
    };
    const timer = setTimeout(
      () =>
        fail(
          new EmbedError(
            "timeout",
            `The Docker sandbox at ${origin} did not answer within ${Math.round(timeoutMs / 1000)} s. ` +
              "Check that this page loads embed.js from the sandbox's site (the script's URL decides where the widget comes from) and that the site is up.",
          ),
        ),
      timeoutMs,
    );
    // A hello counts only from our own frame, from the sandbox's origin, with
    // our widget id: another frame or page cannot get our port.
    const onMessage = (event: MessageEvent) => {
      if (
        event.source !== frame.contentWindow ||
        event.origin !== origin ||
        !isHello(event.data) ||
        event.data.widget !== widget
      )
        return;
      if (event.data.version !== PROTOCOL_VERSION) {
        return fail(
          new EmbedError(
            "unsupported",
            `This page's embed.js speaks protocol version ${PROTOCOL_VERSION}, the sandbox ${event.data.version}: reload the page to get the current loader.`,
          ),
        );
      }
      stop();
      const channel = new MessageChannel();
      controller = new EmbedController(channel.port1, options);
      controller.opened.then(() => resolve(controller!), reject);
      const connect: Connect = {
        protocol: PROTOCOL,
        version: PROTOCOL_VERSION,
        type: "connect",
        widget,
      };
      frame.contentWindow!.postMessage(connect, origin, [channel.port2]);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    window.addEventListener("message", onMessage);
  });
}
