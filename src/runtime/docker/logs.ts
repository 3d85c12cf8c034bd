/**
 * Docker's log/attach stream formats.
 *
 * Without a TTY, `GET /containers/{id}/logs` and attach multiplex stdout and
 * stderr on one byte stream as frames: an 8-byte header
 * `[stream, 0, 0, 0, size (uint32 big-endian)]` then `size` payload bytes.
 * With a TTY there is a single stream and the bytes are sent raw (no framing).
 */

/** Which stream a frame belongs to. `system` carries an error message from the daemon. */
export type LogStream = "stdin" | "stdout" | "stderr" | "system";

/** One frame of output (one Docker frame, or one raw chunk in TTY mode). */
export interface LogFrame {
  stream: LogStream;
  data: Uint8Array;
}

/** Turns body chunks (split anywhere) into frames. */
export interface LogReader {
  /** Feed the next body chunk; returns the frames it completed (possibly none). */
  push(chunk: Uint8Array): LogFrame[];
  /** The body ended; throws if it stopped in the middle of a frame. */
  finish(): void;
}

/** The daemon sent bytes that are not a valid multiplexed stream. */
export class LogStreamError extends Error {
  override readonly name = "LogStreamError";
}

const STREAMS: readonly LogStream[] = ["stdin", "stdout", "stderr", "system"];
const HEADER_SIZE = 8;

/**
 * Reader for the multiplexed (non-TTY) format. Incremental: a header or
 * payload may be split across any number of chunks; each completed frame is
 * returned whole, in a fresh array.
 */
export class LogDemuxer implements LogReader {
  private readonly header = new Uint8Array(HEADER_SIZE);
  private headerFilled = 0;
  private payload: Uint8Array | undefined;
  private payloadFilled = 0;
  private stream: LogStream = "stdout";

  push(chunk: Uint8Array): LogFrame[] {
    const frames: LogFrame[] = [];
    let pos = 0;
    while (pos < chunk.length) {
      if (!this.payload) {
        const n = Math.min(HEADER_SIZE - this.headerFilled, chunk.length - pos);
        this.header.set(chunk.subarray(pos, pos + n), this.headerFilled);
        this.headerFilled += n;
        pos += n;
        if (this.headerFilled < HEADER_SIZE) break;
        this.startFrame(frames);
        continue;
      }
      const n = Math.min(this.payload.length - this.payloadFilled, chunk.length - pos);
      this.payload.set(chunk.subarray(pos, pos + n), this.payloadFilled);
      this.payloadFilled += n;
      pos += n;
      if (this.payloadFilled === this.payload.length) this.completeFrame(frames);
    }
    return frames;
  }

  finish(): void {
    if (this.headerFilled > 0 || this.payload) {
      throw new LogStreamError("log stream ended in the middle of a frame");
    }
  }

  private startFrame(frames: LogFrame[]): void {
    const type = this.header[0] ?? 255;
    const stream = STREAMS[type];
    if (!stream || this.header[1] || this.header[2] || this.header[3]) {
      const hex = Array.from(this.header, (b) => b.toString(16).padStart(2, "0")).join(" ");
      throw new LogStreamError(`invalid log frame header: ${hex}`);
    }
    this.stream = stream;
    const size = new DataView(this.header.buffer).getUint32(4, false);
    this.payload = new Uint8Array(size);
    this.payloadFilled = 0;
    if (size === 0) this.completeFrame(frames);
  }

  private completeFrame(frames: LogFrame[]): void {
    if (this.payload && this.payload.length > 0)
      frames.push({ stream: this.stream, data: this.payload });
    this.payload = undefined;
    this.headerFilled = 0;
  }
}

/** Reader for TTY containers: every chunk is stdout, passed through unchanged. */
export class RawLogReader implements LogReader {
  push(chunk: Uint8Array): LogFrame[] {
    return chunk.length ? [{ stream: "stdout", data: chunk }] : [];
  }

  finish(): void {}
}

/** The right reader for a container: raw when it has a TTY, demultiplexing otherwise. */
export function createLogReader(tty: boolean): LogReader {
  return tty ? new RawLogReader() : new LogDemuxer();
}

/**
 * Decode a whole log body to text per stream (UTF-8; characters split across
 * frames are handled). Throws if the daemon reported an error in-band.
 */
export function decodeLogs(
  chunks: Iterable<Uint8Array>,
  tty: boolean,
): { stdout: string; stderr: string } {
  const collector = new LogTextCollector(tty);
  for (const chunk of chunks) collector.push(chunk);
  return collector.finish();
}

/** Incremental form of {@link decodeLogs}, for bodies that arrive as an async stream. */
export class LogTextCollector {
  private readonly reader: LogReader;
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  private readonly text = { stdout: "", stderr: "" };

  constructor(tty: boolean) {
    this.reader = createLogReader(tty);
  }

  push(chunk: Uint8Array): void {
    for (const frame of this.reader.push(chunk)) {
      if (frame.stream === "system") {
        throw new LogStreamError(
          `error from daemon in log stream: ${new TextDecoder().decode(frame.data)}`,
        );
      }
      // stdin frames only occur on attach; treat them as stdout like `docker logs` would print them.
      const name = frame.stream === "stderr" ? "stderr" : "stdout";
      this.text[name] += this.decoders[name].decode(frame.data, { stream: true });
    }
  }

  finish(): { stdout: string; stderr: string } {
    this.reader.finish();
    return {
      stdout: this.text.stdout + this.decoders.stdout.decode(),
      stderr: this.text.stderr + this.decoders.stderr.decode(),
    };
  }
}
