import { concatBytes } from "../bytes.ts";

/** Default of `ExecOptions.maxOutputBytes`: per stream, far above any check's or setup's output. */
export const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;

/**
 * Collects one output stream of a command up to `max` bytes and notes
 * whether anything beyond was dropped: a command that floods its output
 * must not grow the worker's memory without bound.
 */
export class OutputLimit {
  #parts: Uint8Array[] = [];
  #size = 0;
  /** Bytes were dropped. */
  truncated = false;

  constructor(private readonly max: number) {}

  push(chunk: Uint8Array): void {
    const room = this.max - this.#size;
    if (chunk.length > room) this.truncated = true;
    const kept = chunk.length > room ? chunk.subarray(0, Math.max(0, room)) : chunk;
    if (!kept.length) return;
    this.#parts.push(kept);
    this.#size += kept.length;
  }

  bytes(): Uint8Array {
    return concatBytes(this.#parts);
  }
}
