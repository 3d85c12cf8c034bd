/**
 * Wire format of the host<->guest control channel (docs/control-channel.md).
 * Must match images/agent/sandbox-agent.c.
 *
 *   'S' 'X' type:u8 flags:u8 channel:u32le length:u32le payload[length]
 */

import { concatBytes } from "../bytes.ts";

export const HEADER_BYTES = 12;
/** Larger frames are treated as corruption (the agent has the same limit). */
export const MAX_PAYLOAD = 1 << 20;

/** Frame types. Host→guest and guest→host share the numbering space. */
export const FrameType = {
  // host → guest
  Hello: 0x01,
  Exec: 0x10,
  Pty: 0x11,
  Unix: 0x12,
  Input: 0x20,
  Signal: 0x21,
  Resize: 0x22,
  Close: 0x23,
  // guest → host
  Ready: 0x01,
  Stdout: 0x30,
  Stderr: 0x31,
  Exit: 0x32,
  Error: 0x33,
  Credit: 0x34,
  Opened: 0x35,
} as const;

export interface Frame {
  type: number;
  channel: number;
  payload: Uint8Array;
}

export function encodeFrame(
  type: number,
  channel: number,
  payload: Uint8Array = EMPTY,
): Uint8Array {
  const out = new Uint8Array(HEADER_BYTES + payload.length);
  const view = new DataView(out.buffer);
  out[0] = 0x53; // 'S'
  out[1] = 0x58; // 'X'
  out[2] = type;
  view.setUint32(4, channel >>> 0, true);
  view.setUint32(8, payload.length, true);
  out.set(payload, HEADER_BYTES);
  return out;
}

const EMPTY = new Uint8Array(0);

/**
 * Incremental decoder: feed it whatever chunks the port delivers, get whole
 * frames back. Bytes that do not start a valid header are skipped (and
 * counted), so a stream that starts mid-frame resynchronises.
 */
export class FrameDecoder {
  #buf: Uint8Array = new Uint8Array(0);
  /** Bytes discarded while resynchronising (non-zero means corruption or a mid-frame start). */
  skipped = 0;

  push(chunk: Uint8Array): Frame[] {
    this.#buf = this.#buf.length ? concatBytes([this.#buf, chunk]) : chunk.slice();
    const frames: Frame[] = [];
    let off = 0;
    const buf = this.#buf;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    while (buf.length - off >= HEADER_BYTES) {
      if (buf[off] !== 0x53 || buf[off + 1] !== 0x58) {
        off++;
        this.skipped++;
        continue;
      }
      const len = view.getUint32(off + 8, true);
      if (len > MAX_PAYLOAD) {
        off++;
        this.skipped++;
        continue;
      }
      if (buf.length - off < HEADER_BYTES + len) break;
      frames.push({
        type: buf[off + 2]!,
        channel: view.getUint32(off + 4, true),
        payload: buf.slice(off + HEADER_BYTES, off + HEADER_BYTES + len),
      });
      off += HEADER_BYTES + len;
    }
    this.#buf = off ? buf.slice(off) : buf;
    return frames;
  }
}

/**
 * CREDIT payload: how many bytes the agent read from the port (u32le).
 * Null when the payload is too short: a malformed frame must not throw.
 */
export function decodeCredit(payload: Uint8Array): number | null {
  if (payload.length < 4) return null;
  return new DataView(payload.buffer, payload.byteOffset, payload.byteLength).getUint32(0, true);
}

/** EXIT payload: exit code and signal (i32le each). Null when the payload is too short. */
export function decodeExit(payload: Uint8Array): { code: number; signal: number } | null {
  if (payload.length < 8) return null;
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  return { code: view.getInt32(0, true), signal: view.getInt32(4, true) };
}

const encoder = new TextEncoder();

/** NUL-terminated string fields, the agent's payload format for EXEC/PTY/RESIZE. */
export function encodeFields(fields: readonly string[]): Uint8Array {
  return encoder.encode(fields.map((f) => `${f}\0`).join(""));
}
