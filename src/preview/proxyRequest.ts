import type { ByteStream } from "../runtime/ByteStream.ts";
import { concatBytes } from "../runtime/bytes.ts";
import { httpRequest, type HttpResponse } from "../runtime/docker/http.ts";
import type { PreviewRequest, PreviewResponse } from "./protocol.ts";
import { rewriteLocation, targetOf, type PreviewTarget } from "./previewUrl.ts";

/** The one thing the proxy needs from a runtime: a TCP connection to a guest port. */
export type Connect = (
  port: number,
  options: { signal?: AbortSignal; timeoutMs?: number },
) => Promise<ByteStream>;

export interface ProxyOptions {
  /** Give up on a response after this long (the page then says so). Default 30 s. */
  timeoutMs?: number;
  /** Largest body passed on once decompressed (a 502 page instead). Default 32 MiB. */
  maxDecodedBytes?: number;
}

/**
 * A few KiB of gzip can unpack to gigabytes: a server in a container (the
 * learner's or a malicious image's) must not be able to exhaust the tab.
 */
const MAX_DECODED_BYTES = 32 * 1024 * 1024;

/** Hop-by-hop and proxy-owned request headers; the rest reach the container unchanged. */
const DROP_REQUEST = new Set([
  "host",
  "connection",
  "keep-alive",
  "upgrade",
  "te",
  "trailer",
  "transfer-encoding",
  "proxy-connection",
  "accept-encoding",
  "content-length",
]);
/** Response headers the browser must not see from a synthetic Response. */
const DROP_RESPONSE = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "content-encoding",
]);

/**
 * Answer one intercepted preview request with an HTTP/1.1 request to the
 * published port inside the guest (`runtime.connect(port)`). Never throws:
 * a closed port, a timeout or garbage become an explanatory page (502/504)
 * that retries by itself, because a container is often still starting.
 */
export async function proxyRequest(
  connect: Connect,
  request: PreviewRequest,
  options: ProxyOptions = {},
): Promise<PreviewResponse> {
  const target = targetOf(request);
  if (!target)
    return page(
      400,
      "Not a preview address",
      "<p>This address does not name a port in the sandbox.</p>",
      false,
    );
  const timeoutMs = options.timeoutMs ?? 30_000;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: HttpResponse;
  try {
    const stream = await connect(target.port, { signal, timeoutMs: Math.min(timeoutMs, 10_000) });
    response = await httpRequest(stream, {
      method: request.method,
      path: target.path,
      headers: requestHeaders(request, target),
      ...(request.body && request.body.byteLength ? { body: new Uint8Array(request.body) } : {}),
      signal,
    });
  } catch (error) {
    if (signal.aborted) {
      return page(
        504,
        `Port ${target.port} did not answer`,
        `<p>Nothing came back from port ${target.port} within ${Math.round(timeoutMs / 1000)} s.
        Is the server in the container busy or stuck? Try <code>docker logs</code>.</p>`,
        true,
      );
    }
    return notListening(target, error);
  }
  const maxBytes = options.maxDecodedBytes ?? MAX_DECODED_BYTES;
  let body: ArrayBuffer | null;
  try {
    body = await decodedBody(response, maxBytes);
  } catch (error) {
    return undecodable(target, error);
  }
  return {
    status: response.status,
    statusText: response.statusText,
    headers: responseHeaders(response, target),
    body,
  };
}

function requestHeaders(request: PreviewRequest, target: PreviewTarget): Record<string, string> {
  const guest = `http://localhost:${target.port}`;
  const headers: Record<string, string> = {};
  for (const [name, value] of request.headers) {
    const key = name.toLowerCase();
    if (DROP_REQUEST.has(key)) continue;
    // What the server would see without the proxy: its own origin, not the preview's.
    if (key === "origin") headers[name] = guest;
    else if (key === "referer") headers[name] = guestUrl(value, guest);
    else headers[name] = value;
  }
  headers["Host"] = `localhost:${target.port}`;
  headers["Accept-Encoding"] = "identity";
  headers["Connection"] = "close";
  return headers;
}

function guestUrl(previewUrl: string, guest: string): string {
  try {
    const url = new URL(previewUrl);
    const path = url.pathname.replace(/^\/preview\/[^/]+\/\d+/, "") || "/";
    return guest + path + url.search;
  } catch {
    return guest + "/";
  }
}

function responseHeaders(response: HttpResponse, target: PreviewTarget): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of response.headers) {
    if (DROP_RESPONSE.has(name)) continue;
    out.push([name, name === "location" ? rewriteLocation(value, target) : value]);
  }
  return out;
}

/** A compressed body that unpacks to more than the proxy passes on. */
class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the decompressed body is larger than ${Math.round(maxBytes / 2 ** 20)} MiB`);
  }
}

/**
 * We ask for `identity`; a server that compresses anyway is decoded here (a
 * synthetic Response is not), at most `maxBytes` of it.
 */
async function decodedBody(response: HttpResponse, maxBytes: number): Promise<ArrayBuffer | null> {
  if (response.status === 204 || response.status === 304 || response.status < 200) return null;
  const encoding = response.headers.get("content-encoding")?.toLowerCase();
  let body = response.body;
  if (encoding === "gzip" || encoding === "deflate")
    body = await decompress(body, encoding, maxBytes);
  return body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
}

/** Inflate chunk by chunk and stop as soon as the output passes `maxBytes`. */
async function decompress(
  body: Uint8Array,
  encoding: "gzip" | "deflate",
  maxBytes: number,
): Promise<Uint8Array> {
  const reader = new Blob([body.slice()])
    .stream()
    .pipeThrough(new DecompressionStream(encoding))
    .getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return concatBytes(parts);
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new BodyTooLargeError(maxBytes);
    }
    parts.push(value);
  }
}

function undecodable(target: PreviewTarget, error: unknown): PreviewResponse {
  if (error instanceof BodyTooLargeError) {
    return page(
      502,
      `The answer from port ${target.port} is too large`,
      `<p>The server on port <b>${target.port}</b> sent a compressed answer that unpacks to
      more than ${Math.round(error.maxBytes / 2 ** 20)} MiB, more than the preview shows.</p>`,
      false,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return page(
    502,
    `The answer from port ${target.port} cannot be read`,
    `<p>The server on port <b>${target.port}</b> sent a compressed answer that does not
    decompress (${escapeHtml(reason)}).</p>`,
    false,
  );
}

function notListening(target: PreviewTarget, error: unknown): PreviewResponse {
  const reason = error instanceof Error ? error.message : String(error);
  return page(
    502,
    `Nothing is answering on port ${target.port} yet`,
    `<p>The sandbox has no server answering on port <b>${target.port}</b> (${escapeHtml(reason)}).</p>
    <ul>
      <li>Just started the container? It may still be starting: this page tries again every 2 seconds.</li>
      <li>Is the port published? <code>docker ps</code> should show <code>0.0.0.0:${target.port}-&gt;…</code>
        (run it with <code>-p ${target.port}:&lt;container port&gt;</code>).</li>
      <li>Did the server start? <code>docker logs &lt;container&gt;</code> shows why not.</li>
    </ul>`,
    true,
  );
}

/** A small, self-explaining HTML page; `retry` reloads it every 2 s. */
export function page(status: number, title: string, html: string, retry: boolean): PreviewResponse {
  const doc = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width">${retry ? '<meta http-equiv="refresh" content="2">' : ""}
<title>${escapeHtml(title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;margin:2rem;max-width:44rem;color:#333}
h1{font-size:1.2rem}code{background:#eee;padding:0 .25em;border-radius:3px}
@media (prefers-color-scheme:dark){body{background:#1e1e1e;color:#ddd}code{background:#333}}</style>
</head><body data-preview-error="${status}"><h1>${escapeHtml(title)}</h1>${html}
${retry ? "<p><small>Retrying…</small></p>" : ""}</body></html>`;
  return {
    status,
    statusText: STATUS_TEXT[status] ?? "Error",
    headers: [
      ["content-type", "text/html; charset=utf-8"],
      ["cache-control", "no-store"],
    ],
    body: new TextEncoder().encode(doc).buffer as ArrayBuffer,
  };
}

// A Response's statusText must be plain ASCII, so not the page title.
const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  502: "Bad Gateway",
  504: "Gateway Timeout",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
