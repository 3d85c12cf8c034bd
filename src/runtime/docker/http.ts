import { abortError, concatBytes } from "../bytes.ts";
import type { ByteStream, Unsubscribe } from "../ByteStream.ts";

/**
 * A minimal HTTP/1.1 client over a {@link ByteStream}: one request per stream,
 * which is closed when the response ends (we always send `Connection: close`).
 * Enough for the Docker Engine API; no redirects, no keep-alive, no upgrades.
 */

/** What to send. `path` is the request target, already URL-encoded (e.g. `/v1.41/_ping`). */
export interface HttpRequest {
  method: string;
  path: string;
  /** Extra headers. Defaults `Host: docker` and `Connection: close` may be overridden. */
  headers?: Record<string, string>;
  /** Request body; `Content-Length` is set from it (strings are sent as UTF-8). */
  body?: Uint8Array | string;
  /** Closes the stream and rejects (or fails the body iterator) with an `AbortError`. */
  signal?: AbortSignal;
}

/** Status line and headers of a response. Header names are lowercased; repeats are joined by ", ". */
export interface HttpResponseHead {
  status: number;
  statusText: string;
  headers: Map<string, string>;
}

/** A response whose body was read to the end. */
export interface HttpResponse extends HttpResponseHead {
  body: Uint8Array;
}

/** A response whose body arrives as it is received (for `/events`, `logs?follow=1`). */
export interface HttpStreamingResponse extends HttpResponseHead {
  /** Body chunks (already de-chunked). Leaving a `for await` loop early closes the stream. */
  body: AsyncIterableIterator<Uint8Array>;
  /** Stop reading: closes the stream; the body iterator then ends normally. Idempotent. */
  close(): void;
}

/** The peer sent something that is not valid HTTP/1.1, or ended the connection too early. */
export class HttpProtocolError extends Error {
  override readonly name = "HttpProtocolError";
}

const EMPTY = new Uint8Array(0);
const CRLF = new Uint8Array([13, 10]);
const CRLFCRLF = new Uint8Array([13, 10, 13, 10]);
/** Longest status line + headers (or chunk-size/trailer line) we accept. */
const MAX_HEAD_BYTES = 64 * 1024;

/** Send `request` on `stream` and read the whole response body. */
export async function httpRequest(stream: ByteStream, request: HttpRequest): Promise<HttpResponse> {
  const { body, close: _close, ...head } = await httpRequestStreaming(stream, request);
  const parts: Uint8Array[] = [];
  for await (const chunk of body) parts.push(chunk);
  return { ...head, body: concatBytes(parts) };
}

/**
 * Send `request` on `stream`; resolves once the status line and headers are in.
 * The body must then be consumed (or `close()`d) by the caller.
 */
export function httpRequestStreaming(
  stream: ByteStream,
  request: HttpRequest,
): Promise<HttpStreamingResponse> {
  const { signal } = request;
  return new Promise<HttpStreamingResponse>((resolve, reject) => {
    let finished = false;
    let headReceived = false;
    const subscriptions: Unsubscribe[] = [];
    const body = new ChunkQueue(() => finish());
    // The signal's reason (e.g. a TimeoutError naming the request) is what the caller sees.
    const onAbort = () => finish(abortError(signal));
    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      for (const unsubscribe of subscriptions) unsubscribe();
      signal?.removeEventListener("abort", onAbort);
      stream.close();
      if (headReceived) body.end(error);
      else reject(error ?? new HttpProtocolError("connection closed before a response"));
    };
    const parser = new ResponseParser(request.method.toUpperCase() === "HEAD", {
      head: (head) => {
        headReceived = true;
        resolve({ ...head, body, close: () => finish() });
      },
      data: (chunk) => body.push(chunk),
      done: () => finish(),
    });
    const guarded = (step: () => void) => {
      if (finished) return;
      try {
        step();
      } catch (error) {
        finish(error);
      }
    };
    if (signal?.aborted) return finish(abortError(signal));
    signal?.addEventListener("abort", onAbort, { once: true });
    subscriptions.push(stream.onData((chunk) => guarded(() => parser.feed(chunk))));
    subscriptions.push(stream.onEnd(() => guarded(() => parser.end())));
    stream.closed.then(
      () => guarded(() => parser.end()),
      (reason: unknown) =>
        finish(
          reason instanceof Error
            ? reason
            : new HttpProtocolError(`stream failed: ${String(reason)}`),
        ),
    );
    guarded(() => stream.write(serializeRequest(request)));
  });
}

function serializeRequest({ method, path, headers = {}, body }: HttpRequest): Uint8Array {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(method))
    throw new TypeError(`invalid HTTP method: ${method}`);
  if (!/^\/[\x21-\x7e]*$/.test(path))
    throw new TypeError(`invalid request path (encode it): ${path}`);
  const bodyBytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  const all = new Map<string, [string, string]>();
  const set = (name: string, value: string) => {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\0]/.test(value)) {
      throw new TypeError(`invalid HTTP header: ${name}`);
    }
    all.set(name.toLowerCase(), [name, value]);
  };
  set("Host", "docker");
  set("Connection", "close");
  for (const [name, value] of Object.entries(headers)) set(name, value);
  if (bodyBytes) set("Content-Length", String(bodyBytes.length));
  let head = `${method} ${path} HTTP/1.1\r\n`;
  for (const [name, value] of all.values()) head += `${name}: ${value}\r\n`;
  return concatBytes([new TextEncoder().encode(head + "\r\n"), bodyBytes ?? EMPTY]);
}

type ParserState = "head" | "fixed" | "close" | "size" | "chunk" | "chunk-end" | "trailer" | "done";

interface ParserSink {
  head(head: HttpResponseHead): void;
  data(chunk: Uint8Array): void;
  done(): void;
}

/** Incremental response parser: feed it bytes in any chunking. Throws {@link HttpProtocolError}. */
class ResponseParser {
  private state: ParserState = "head";
  private pending = EMPTY;
  private remaining = 0;
  private received = 0;
  private total = 0;

  constructor(
    private readonly isHeadRequest: boolean,
    private readonly sink: ParserSink,
  ) {}

  feed(chunk: Uint8Array): void {
    const from = Math.max(0, this.pending.length - 3);
    const data = this.pending.length ? concatBytes([this.pending, chunk]) : chunk;
    this.pending = EMPTY;
    let pos = 0;
    let searchFrom = from;
    while (pos < data.length && this.state !== "done") {
      if (this.state === "fixed" || this.state === "chunk") {
        const n = Math.min(this.remaining, data.length - pos);
        this.sink.data(data.slice(pos, pos + n));
        pos += n;
        this.received += n;
        this.remaining -= n;
        if (this.remaining === 0) this.transition(this.state === "chunk" ? "chunk-end" : "done");
      } else if (this.state === "close") {
        this.sink.data(data.slice(pos));
        pos = data.length;
      } else {
        const terminator = this.state === "head" ? CRLFCRLF : CRLF;
        const at = indexOf(data, terminator, Math.max(pos, searchFrom));
        searchFrom = 0;
        if (at < 0) {
          if (data.length - pos > MAX_HEAD_BYTES)
            throw new HttpProtocolError("response header too long");
          this.pending = data.slice(pos);
          return;
        }
        const line = new TextDecoder().decode(data.subarray(pos, at));
        pos = at + terminator.length;
        this.onLine(line);
      }
    }
  }

  /** The peer stopped sending: fine for read-until-close bodies, an error mid-message. */
  end(): void {
    if (this.state === "done") return;
    if (this.state === "close") return this.transition("done");
    if (this.state === "head") {
      throw new HttpProtocolError(
        this.pending.length
          ? "connection closed in the middle of the response headers"
          : "connection closed before any response was received",
      );
    }
    if (this.state === "fixed") {
      throw new HttpProtocolError(
        `connection closed after ${this.received} of ${this.total} body bytes`,
      );
    }
    throw new HttpProtocolError("connection closed in the middle of a chunked body");
  }

  private transition(state: ParserState): void {
    this.state = state;
    if (state === "done") this.sink.done();
  }

  private onLine(line: string): void {
    if (this.state === "head") return this.onHead(line);
    if (this.state === "chunk-end") {
      if (line !== "") throw new HttpProtocolError("missing CRLF after chunk data");
      return this.transition("size");
    }
    if (this.state === "trailer") return this.transition(line === "" ? "done" : "trailer");
    const size = /^([0-9a-fA-F]{1,12})[ \t]*(;.*)?$/.exec(line);
    if (!size?.[1])
      throw new HttpProtocolError(`malformed chunk size line: ${JSON.stringify(line)}`);
    this.remaining = parseInt(size[1], 16);
    this.transition(this.remaining === 0 ? "trailer" : "chunk");
  }

  private onHead(text: string): void {
    const [statusLine = "", ...lines] = text.split("\r\n");
    const match = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
    if (!match)
      throw new HttpProtocolError(
        `malformed status line: ${JSON.stringify(statusLine.slice(0, 80))}`,
      );
    const status = Number(match[1]);
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(":");
      const name = line.slice(0, colon).toLowerCase();
      if (colon <= 0 || !/^[!#$%&'*+.^_`|~0-9a-z-]+$/.test(name)) {
        throw new HttpProtocolError(`malformed header line: ${JSON.stringify(line.slice(0, 80))}`);
      }
      const value = line.slice(colon + 1).trim();
      const previous = headers.get(name);
      headers.set(name, previous === undefined ? value : `${previous}, ${value}`);
    }
    // Interim responses (100 Continue) are followed by the real one; 101 ends HTTP on this stream.
    if (status >= 100 && status < 200 && status !== 101) return;
    this.sink.head({ status, statusText: match[2] ?? "", headers });
    this.startBody(status, headers);
  }

  private startBody(status: number, headers: Map<string, string>): void {
    const encoding = headers.get("transfer-encoding");
    const length = headers.get("content-length");
    if (this.isHeadRequest || status === 101 || status === 204 || status === 304) {
      return this.transition("done");
    }
    if (encoding !== undefined) {
      const codings = encoding.toLowerCase().split(",");
      return this.transition(codings[codings.length - 1]?.trim() === "chunked" ? "size" : "close");
    }
    if (length === undefined) return this.transition("close");
    const values = new Set(length.split(",").map((v) => v.trim()));
    const [value = ""] = values;
    if (values.size !== 1 || !/^\d{1,15}$/.test(value)) {
      throw new HttpProtocolError(`malformed Content-Length: ${JSON.stringify(length)}`);
    }
    this.total = this.remaining = Number(value);
    this.transition(this.remaining === 0 ? "done" : "fixed");
  }
}

/** An async iterator fed by push(); ends normally or with an error. */
class ChunkQueue implements AsyncIterableIterator<Uint8Array> {
  private chunks: Uint8Array[] = [];
  private ended = false;
  private error: unknown;
  private waiter:
    { resolve: (r: IteratorResult<Uint8Array>) => void; reject: (e: unknown) => void } | undefined;

  constructor(private readonly onReturn: () => void) {}

  push(chunk: Uint8Array): void {
    if (this.ended) return;
    if (this.waiter) this.settle()?.resolve({ value: chunk, done: false });
    else this.chunks.push(chunk);
  }

  end(error?: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.error = error;
    if (error !== undefined) this.chunks = []; // abort/failure: drop what the consumer has not read
    const waiter = this.settle();
    if (error !== undefined) waiter?.reject(error);
    else waiter?.resolve({ value: undefined, done: true });
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    const chunk = this.chunks.shift();
    if (chunk) return Promise.resolve({ value: chunk, done: false });
    if (this.ended) {
      return this.error === undefined
        ? Promise.resolve({ value: undefined, done: true })
        : Promise.reject(this.error);
    }
    return new Promise((resolve, reject) => (this.waiter = { resolve, reject }));
  }

  return(): Promise<IteratorResult<Uint8Array>> {
    this.onReturn();
    this.end();
    this.chunks = [];
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array> {
    return this;
  }

  private settle() {
    const waiter = this.waiter;
    this.waiter = undefined;
    return waiter;
  }
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i <= haystack.length - needle.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
