/**
 * A saved sandbox: the whole VM (memory, devices, the disk blocks the guest
 * wrote) as one file, so a reload, a download or another browser can bring
 * back the learner's images, containers, volumes and networks.
 *
 * Layout (all integers little-endian):
 *
 *   8 bytes   magic "DSANDBOX"
 *   4 bytes   length H of the header
 *   H bytes   header, JSON (UTF-8): {@link SandboxFileHeader}
 *   …         the payload: the state v86's `save_state()` wrote, as
 *             independent zstd frames of at most FRAME_BYTES raw each,
 *             back to back, lengths in the header
 *
 * Frames, not one stream: the compressor handles one buffer at a time, and
 * between frames the worker yields so the guest keeps running while a save
 * is compressed. Frames back to back are also one valid zstd stream, which
 * v86 decompresses itself while restoring (format 2): no second copy of the
 * raw state is made. Since v86 would only notice damage halfway through a
 * restore, format 2 carries a checksum of the payload, checked first. A state
 * only restores into the same VM build (v86 version, options, and the base
 * disk under the written blocks), so the header names the build and a
 * different one is refused before anything is restored.
 */

/** Which VM build made a state: a state restores only into the same one. */
export interface VmBuild {
  /** images/build.sh's hash over the recipe. */
  recipeHash: string;
  v86Version: string;
  /** SHA-256 of disk.img: the written blocks in a state sit on top of exactly this disk. */
  disk: string;
}

export interface SandboxFileHeader {
  /**
   * 2: the payload's checksum is in the header, and the disk blocks are
   * packed (src/runtime/v86/packedDiskState.ts). 1 (the first release):
   * neither; still read.
   */
  format: 1 | 2;
  vm: VmBuild;
  /** ISO time of the save. */
  savedAt: string;
  /** Size of the raw state (what v86 restores) in bytes. */
  rawBytes: number;
  /** Compressed length of each zstd frame, in order. */
  frames: number[];
  /** Format 2: {@link payloadChecksum} of the frames, back to back. */
  checksum?: string;
  /**
   * Format 2: the frames end where v86's reads end (frameCuts.ts), so v86
   * decompresses them itself. Otherwise every frame but the last holds
   * FRAME_BYTES of raw state.
   */
  v86Stream?: boolean;
  /**
   * The control channel at save time: the next id and the ids still open.
   * The restored agent still holds those channels, so the new host starts
   * numbering after them and closes them (their processes get SIGHUP/KILL).
   */
  channels: { next: number; open: number[] };
  /** What the app wants to remember with the state (lesson id, course); small strings only. */
  meta: Record<string, string>;
}

const MAGIC = new TextEncoder().encode("DSANDBOX");
const MAX_HEADER_BYTES = 64 * 1024;
/** Raw bytes per zstd frame. */
export const FRAME_BYTES = 16 * 1024 * 1024;
/** The raw state is at most the guest's RAM plus its written disk blocks; this is a sanity bound. */
const MAX_RAW_BYTES = 6 * 1024 * 1024 * 1024;
const MAX_META = { entries: 32, chars: 512 };

/** A file that is not a saved sandbox, is damaged, or is from another VM build. */
export class SandboxFileError extends Error {
  override readonly name = "SandboxFileError";
}

/** Put header and frames together into the file's bytes. */
export function encodeSandboxFile(
  header: Omit<SandboxFileHeader, "format" | "frames" | "checksum" | "v86Stream"> & {
    v86Stream: boolean;
  },
  frames: readonly Uint8Array[],
): Uint8Array {
  const full: SandboxFileHeader = {
    format: 2,
    ...header,
    frames: frames.map((f) => f.length),
    // A placeholder of the checksum's exact length: the payload's place follows from the header's.
    checksum: "0".repeat(16),
  };
  const headerJson = () => new TextEncoder().encode(JSON.stringify(full));
  const length = headerJson().length;
  const start = MAGIC.length + 4 + length;
  const out = new Uint8Array(start + frames.reduce((n, f) => n + f.length, 0));
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(MAGIC.length, length, true);
  let at = start;
  for (const frame of frames) {
    out.set(frame, at);
    at += frame.length;
  }
  full.checksum = payloadChecksum(out.subarray(start));
  out.set(headerJson(), MAGIC.length + 4);
  return out;
}

/**
 * Read a saved sandbox's header and find its frames, checking everything a
 * damaged or hostile file could get wrong (format 2: the payload's checksum
 * too). Frames and payload are views into `bytes`.
 */
export function decodeSandboxFile(bytes: Uint8Array): {
  header: SandboxFileHeader;
  frames: Uint8Array[];
  /** The frames back to back: one zstd stream of the whole raw state. */
  payload: Uint8Array;
} {
  const header = readSandboxHeader(bytes);
  const frames: Uint8Array[] = [];
  const start = MAGIC.length + 4 + headerLength(bytes);
  let at = start;
  for (const length of header.frames) {
    frames.push(bytes.subarray(at, at + length));
    at += length;
  }
  if (at !== bytes.length) {
    throw new SandboxFileError(
      `This saved sandbox is damaged: it should be ${at} bytes long but is ${bytes.length}. ` +
        "It may have been cut off while downloading.",
    );
  }
  const payload = bytes.subarray(start);
  if (header.format === 2 && payloadChecksum(payload) !== header.checksum) {
    throw new SandboxFileError(
      "This saved sandbox is damaged: its contents do not match its checksum.",
    );
  }
  return { header, frames, payload };
}

/**
 * A 64-bit Fletcher-style checksum (two 32-bit sums over little-endian
 * words), as 16 hex digits. It catches a damaged or truncated download; it
 * is no defence against a crafted file, and needs none: whatever a file
 * holds runs inside the emulator, and only after the learner agreed to open
 * it. Plain JavaScript, not WebCrypto: that is missing on a plain-http page
 * (a workshop's LAN server), and this runs at about 1 GB/s.
 */
export function payloadChecksum(bytes: Uint8Array): string {
  const words = Math.floor(bytes.length / 4);
  const aligned = bytes.byteOffset % 4 === 0;
  const view = aligned
    ? new Uint32Array(bytes.buffer, bytes.byteOffset, words)
    : new Uint32Array(bytes.slice(0, words * 4).buffer);
  let a = 0;
  let b = 0;
  for (let i = 0; i < words; i++) {
    a = (a + view[i]!) >>> 0;
    b = (b + a) >>> 0;
  }
  for (let i = words * 4; i < bytes.length; i++) {
    a = (a + bytes[i]!) >>> 0;
    b = (b + a) >>> 0;
  }
  // The length too: zeros appended to a payload would not change the sums.
  a = (a + bytes.length) >>> 0;
  b = (b + a) >>> 0;
  return b.toString(16).padStart(8, "0") + a.toString(16).padStart(8, "0");
}

/** The header alone (to show what a file holds, or refuse it, before restoring). */
export function readSandboxHeader(bytes: Uint8Array): SandboxFileHeader {
  if (bytes.length < MAGIC.length + 4 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new SandboxFileError(
      "This is not a saved sandbox (a .dsandbox file made by “Download sandbox”).",
    );
  }
  const length = headerLength(bytes);
  let value: unknown;
  try {
    value = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(
        bytes.subarray(MAGIC.length + 4, MAGIC.length + 4 + length),
      ),
    );
  } catch {
    throw new SandboxFileError("This saved sandbox is damaged: its header is not readable.");
  }
  return checkHeader(value);
}

function headerLength(bytes: Uint8Array): number {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(
    MAGIC.length,
    true,
  );
  if (length > MAX_HEADER_BYTES || MAGIC.length + 4 + length > bytes.length) {
    throw new SandboxFileError("This saved sandbox is damaged: its header is cut off.");
  }
  return length;
}

function checkHeader(value: unknown): SandboxFileHeader {
  const damaged = (what: string) =>
    new SandboxFileError(`This saved sandbox is damaged or too new for this app: ${what}.`);
  const h = value as Partial<SandboxFileHeader> | null;
  if (!h || typeof h !== "object" || (h.format !== 1 && h.format !== 2)) {
    throw damaged("unknown format");
  }
  if (h.format === 2 && !(typeof h.checksum === "string" && /^[0-9a-f]{16}$/.test(h.checksum))) {
    throw damaged("no checksum");
  }
  const vm = h.vm as Partial<VmBuild> | undefined;
  if (!vm || ![vm.recipeHash, vm.v86Version, vm.disk].every((s) => typeof s === "string")) {
    throw damaged("no VM build");
  }
  if (typeof h.savedAt !== "string" || Number.isNaN(Date.parse(h.savedAt))) {
    throw damaged("no save time");
  }
  if (!isCount(h.rawBytes) || h.rawBytes > MAX_RAW_BYTES) throw damaged("bad state size");
  const frames = h.frames;
  if (!Array.isArray(frames) || !frames.every(isCount)) throw damaged("bad frame table");
  const plainFrames = Math.ceil(h.rawBytes / FRAME_BYTES);
  if (h.format === 2 && typeof h.v86Stream !== "boolean") throw damaged("no frame layout");
  // Frames cut at v86's reads hold FRAME_BYTES or a little more, so there may be fewer.
  const framesOk = h.v86Stream
    ? frames.length >= 1 && frames.length <= plainFrames
    : frames.length === plainFrames;
  if (!framesOk) throw damaged("bad frame count");
  const channels = h.channels;
  if (
    !channels ||
    !isCount(channels.next) ||
    !Array.isArray(channels.open) ||
    channels.open.length > 4096 ||
    !channels.open.every(isCount)
  ) {
    throw damaged("bad channel table");
  }
  const meta = h.meta;
  if (!meta || typeof meta !== "object" || Array.isArray(meta)) throw damaged("bad labels");
  const entries = Object.entries(meta);
  if (
    entries.length > MAX_META.entries ||
    !entries.every(([, v]) => typeof v === "string" && v.length <= MAX_META.chars)
  ) {
    throw damaged("bad labels");
  }
  return h as SandboxFileHeader;
}

function isCount(n: unknown): n is number {
  return typeof n === "number" && Number.isSafeInteger(n) && n >= 0;
}

/**
 * Refuse a state from another VM build, naming both, before v86 is asked to
 * restore it (v86 would fail obscurely or restore a guest whose disk has
 * changed under it).
 */
export function assertSameVmBuild(saved: VmBuild, running: VmBuild): void {
  const differs =
    saved.recipeHash !== running.recipeHash ||
    saved.v86Version !== running.v86Version ||
    saved.disk !== running.disk;
  if (!differs) return;
  const describe = (b: VmBuild) =>
    `recipe ${b.recipeHash.slice(0, 12)}, v86 ${b.v86Version}, disk ${b.disk.slice(0, 12)}`;
  throw new SandboxFileError(
    `This sandbox was saved by a different VM build (${describe(saved)}); this app runs ` +
      `${describe(running)}. A saved sandbox opens only in the app version that made it: ` +
      "open it there, or start fresh here.",
  );
}
