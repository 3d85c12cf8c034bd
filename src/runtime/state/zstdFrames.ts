import { abortError } from "../bytes.ts";
import { FRAME_BYTES, SandboxFileError } from "./sandboxFile.ts";

/**
 * zstd for saved sandboxes. v86 can only decompress, so the compressor is a
 * WebAssembly build of the reference library, loaded on the first save (never
 * at start-up). Level 1: on the friendlyhello sandbox's 323 MB state it
 * compressed in 4.4 s to 137.5 MB, against 6.9 s and 129.1 MB at level 3
 * (the same loaded machine): a save is waited for, a few more MB in
 * IndexedDB are not.
 */
const LEVEL = 1;

type Zstd = typeof import("@bokuweb/zstd-wasm");
let loading: Promise<Zstd> | null = null;

function zstd(): Promise<Zstd> {
  loading ??= import("@bokuweb/zstd-wasm").then(async (module) => {
    await module.init();
    return module;
  });
  return loading;
}

/** Let other work (the emulator's loop, messages) run between frames. */
const breather = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Compress `raw` as independent frames, yielding between them: each ends at
 * the next of `ends` (frameCuts.ts), else every FRAME_BYTES.
 */
export async function compressFrames(
  raw: Uint8Array,
  signal?: AbortSignal,
  ends?: readonly number[],
): Promise<Uint8Array[]> {
  const { compress } = await zstd();
  const cuts = ends ?? plainEnds(raw.length);
  const frames: Uint8Array[] = [];
  let at = 0;
  for (const end of cuts) {
    if (signal?.aborted) throw abortError(signal);
    frames.push(compress(raw.subarray(at, end), LEVEL));
    at = end;
    await breather();
  }
  return frames;
}

function plainEnds(length: number): number[] {
  const ends: number[] = [];
  for (let at = FRAME_BYTES; at < length; at += FRAME_BYTES) ends.push(at);
  ends.push(length);
  return ends;
}

/**
 * Decompress frames back into one buffer of `rawBytes`, checking each frame
 * gives exactly the bytes it should (a damaged file fails here, not inside v86).
 */
export async function decompressFrames(
  frames: readonly Uint8Array[],
  rawBytes: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const { decompress } = await zstd();
  const raw = new Uint8Array(rawBytes);
  let at = 0;
  for (const [index, frame] of frames.entries()) {
    if (signal?.aborted) throw abortError(signal);
    const expected = Math.min(FRAME_BYTES, rawBytes - at);
    let part: Uint8Array;
    try {
      part = decompress(frame, { defaultHeapSize: expected });
    } catch {
      part = new Uint8Array(0);
    }
    if (part.length !== expected) {
      throw new SandboxFileError(
        `This saved sandbox is damaged: part ${index + 1} of ${frames.length} does not decompress.`,
      );
    }
    raw.set(part, at);
    at += expected;
    await breather();
  }
  return raw;
}
