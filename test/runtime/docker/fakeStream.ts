import { concatBytes } from "../../../src/runtime/bytes.ts";
import type { ByteStream, Unsubscribe } from "../../../src/runtime/ByteStream.ts";

/** Chunk sizes that exercise every split point: lots of 1-byte chunks, some odd larger ones. */
export const ODD_CHUNKS: readonly number[] = [
  1, 1, 2, 1, 7, 3, 1, 13, 1, 64, 2, 1, 5, 300, 1, 4096,
];

/** Deterministic pseudo-random chunk sizes in [1, max] (mulberry32), so failures are reproducible. */
export function randomChunks(seed: number, count = 200, max = 97): number[] {
  let state = seed >>> 0;
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    sizes.push(((((t ^ (t >>> 14)) >>> 0) % max) | 0) + 1);
  }
  return sizes;
}

/** Split `bytes` into pieces of the given sizes (cycled). */
export function splitBytes(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let pos = 0, i = 0; pos < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length] ?? 1);
    pieces.push(bytes.slice(pos, pos + size));
    pos += size;
  }
  return pieces;
}

export interface ReplayOptions {
  /** How to split the response. Default: the whole response in one chunk. */
  chunkSizes?: readonly number[];
  /** Signal end of stream after the response. Default true (the daemon closes after `Connection: close`). */
  end?: boolean;
  /** Wait a macrotask between chunks (so a test can abort mid-body). Default false (microtasks only). */
  slow?: boolean;
}

/**
 * A fake connection to the daemon: records what the client writes and, once
 * the first bytes of the request arrive, replays a canned raw HTTP response.
 */
export class FakeStream implements ByteStream {
  readonly writes: Uint8Array[] = [];
  endCalls = 0;
  closeCalls = 0;
  isClosed = false;
  readonly closed: Promise<void>;
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>();
  private readonly endListeners = new Set<() => void>();
  private endFired = false;
  private replaying = false;
  private resolveClosed!: () => void;

  constructor(
    private readonly response?: Uint8Array | string,
    private readonly options: ReplayOptions = {},
  ) {
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
  }

  /** Everything the client wrote, as text. */
  get requestText(): string {
    return new TextDecoder().decode(concatBytes(this.writes));
  }

  write(data: Uint8Array): void {
    if (this.isClosed || this.endCalls > 0) throw new Error("write after end/close");
    this.writes.push(data.slice());
    if (this.response !== undefined && !this.replaying) {
      this.replaying = true;
      void this.replay(this.response);
    }
  }

  end(): void {
    this.endCalls++;
  }

  close(): void {
    this.closeCalls++;
    if (this.isClosed) return;
    this.isClosed = true;
    this.emitEnd();
    this.resolveClosed();
  }

  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    this.dataListeners.add(listener);
    return () => this.dataListeners.delete(listener);
  }

  onEnd(listener: () => void): Unsubscribe {
    this.endListeners.add(listener);
    return () => this.endListeners.delete(listener);
  }

  /** Deliver bytes from the "daemon" now (ignored once closed). */
  emitData(data: Uint8Array | string): void {
    if (this.isClosed || this.endFired) return;
    const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
    for (const listener of [...this.dataListeners]) listener(bytes);
  }

  /** The "daemon" closed its side. */
  emitEnd(): void {
    if (this.endFired) return;
    this.endFired = true;
    for (const listener of [...this.endListeners]) listener();
  }

  private async replay(response: Uint8Array | string): Promise<void> {
    const bytes = typeof response === "string" ? new TextEncoder().encode(response) : response;
    const sizes = this.options.chunkSizes ?? [Math.max(1, bytes.length)];
    for (const piece of splitBytes(bytes, sizes)) {
      if (this.options.slow) await new Promise((resolve) => setTimeout(resolve, 0));
      else await Promise.resolve();
      this.emitData(piece);
    }
    if (this.options.end !== false) this.emitEnd();
  }
}

/** An `open` function handing out one FakeStream per canned response, in order. */
export function fakeOpen(
  ...responses: (string | Uint8Array | [string | Uint8Array, ReplayOptions])[]
): {
  open: () => Promise<ByteStream>;
  streams: FakeStream[];
} {
  const streams: FakeStream[] = [];
  const open = () => {
    const next = responses[streams.length];
    if (next === undefined) return Promise.reject(new Error("no more canned responses"));
    const stream = Array.isArray(next) ? new FakeStream(next[0], next[1]) : new FakeStream(next);
    streams.push(stream);
    return Promise.resolve<ByteStream>(stream);
  };
  return { open, streams };
}

/** Headers Docker 20.10.24 sends on every API response. */
export const DOCKER_HEADERS = [
  "Api-Version: 1.41",
  "Docker-Experimental: false",
  "Ostype: linux",
  "Server: Docker/20.10.24 (linux)",
  "Date: Thu, 23 Nov 2023 22:14:07 GMT",
];

/** A raw response with Content-Length, as Go's net/http writes small JSON replies. */
export function rawResponse(statusLine: string, headers: readonly string[], body: string): string {
  const length = new TextEncoder().encode(body).length;
  return `HTTP/1.1 ${statusLine}\r\n${[...headers, `Content-Length: ${length}`].join("\r\n")}\r\n\r\n${body}`;
}

/** A chunked body: one HTTP chunk per piece (as the daemon flushes), then the last-chunk. */
export function chunkedBody(pieces: readonly (string | Uint8Array)[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (const piece of pieces) {
    const bytes = typeof piece === "string" ? encoder.encode(piece) : piece;
    parts.push(encoder.encode(`${bytes.length.toString(16)}\r\n`), bytes, encoder.encode("\r\n"));
  }
  parts.push(encoder.encode("0\r\n\r\n"));
  return concatBytes(parts);
}

/** A raw chunked response (status line, headers, chunked body). */
export function chunkedResponse(
  statusLine: string,
  headers: readonly string[],
  pieces: readonly (string | Uint8Array)[],
): Uint8Array {
  const head = `HTTP/1.1 ${statusLine}\r\n${[...headers, "Transfer-Encoding: chunked"].join("\r\n")}\r\n\r\n`;
  return concatBytes([new TextEncoder().encode(head), chunkedBody(pieces)]);
}

/** Build one multiplexed frame: [stream, 0, 0, 0, size BE32] + payload. */
export function frame(stream: number, payload: string | Uint8Array): Uint8Array {
  const data = typeof payload === "string" ? new TextEncoder().encode(payload) : payload;
  const out = new Uint8Array(8 + data.length);
  out[0] = stream;
  new DataView(out.buffer).setUint32(4, data.length, false);
  out.set(data, 8);
  return out;
}

export { concatBytes };
