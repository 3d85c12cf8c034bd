/**
 * Messages of the live preview (see docs/preview.md). Three parties:
 *
 *   Service Worker (public/preview-sw.js, preview origin)
 *     → viewer page (preview.html, preview origin: toolbar + the page's frame)
 *       → app (PreviewHost, app origin: owns the VM and proxies into it)
 *
 * A request travels SW → viewer → app with a MessagePort the app answers on
 * directly. The preview origin differs from the app's, so a previewed page can
 * never read the app's storage (the learner's files in IndexedDB).
 */

/** URL paths `/preview/<view>/<port>/<path>` on the preview origin. public/preview-sw.js matches the same shape. */
export const PREVIEW_PATH = /^\/preview\/([A-Za-z0-9_-]{1,64})\/(\d{1,5})(\/.*)?$/;

/** A request the Service Worker intercepted, as plain data. */
export interface PreviewRequest {
  /** The request's full URL (preview origin). */
  url: string;
  /** The URL of the document that made the request, when known. */
  clientUrl: string | null;
  referrer: string;
  method: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

/** What the SW turns into a `Response`. */
export interface PreviewResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ArrayBuffer | null;
}

/** viewer → app: "I am a preview viewer, give me a port" (repeated until answered). */
export interface HelloMessage {
  type: "sandbox-preview-hello";
  view: string;
}
/** app → viewer, with the MessagePort for requests and pings. */
export interface ConnectMessage {
  type: "sandbox-preview-connect";
}
/** SW → viewer → app, with the MessagePort to answer on. */
export interface RequestMessage {
  type: "sandbox-preview-request";
  request: PreviewRequest;
}
/** viewer ↔ app liveness check on the connected port (the app may have reloaded). */
export interface PingMessage {
  type: "sandbox-preview-ping" | "sandbox-preview-pong";
}

export function isMessage<T extends { type: string }>(data: unknown, type: T["type"]): data is T {
  return typeof data === "object" && data !== null && (data as { type?: unknown }).type === type;
}
