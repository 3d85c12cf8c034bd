/**
 * Where to cut a v86 state into zstd frames so that v86 itself can
 * decompress the frames back to back while restoring.
 *
 * v86 restores a zstd-compressed state as a stream, in reads of known sizes:
 * the 16-byte header, the JSON info block, then each buffer (its alignment
 * padding and bytes in one read; above 1 MiB the padding alone, then 1 MiB
 * at a time). Its reader makes one decompression call per read, and the
 * decompressor stops at the end of a frame: a read that spans two frames
 * comes back short and the restore fails. So every frame must end where a
 * read ends. This mirrors v86's `restore_state` (src/state.js); a VM test
 * restores a state saved this way, so a v86 that reads differently fails
 * there, not in a learner's tab.
 */

/** v86 reads a buffer larger than this in pieces of this size. */
const V86_READ_PIECE = 1024 * 1024;
const STATE_MAGIC = -2039052682;

/**
 * The offsets in `raw` (a state from v86's `save_state`) where v86's reads
 * end, in order, the last being where its last read ends. Null when `raw`
 * is not laid out as expected (then the state is saved in plain frames).
 */
export function v86ReadEnds(raw: Uint8Array): number[] | null {
  if (raw.length < 16 || raw.byteOffset % 4 !== 0) return null;
  const header = new Int32Array(raw.buffer, raw.byteOffset, 4);
  const infoLength = header[3]!;
  if (header[0] !== STATE_MAGIC || infoLength <= 0 || 16 + infoLength > raw.length) return null;
  let infos: { offset: number; length: number }[];
  try {
    const info = JSON.parse(new TextDecoder().decode(raw.subarray(16, 16 + infoLength))) as {
      buffer_infos?: unknown;
    };
    if (!Array.isArray(info.buffer_infos)) return null;
    infos = info.buffer_infos as { offset: number; length: number }[];
  } catch {
    return null;
  }
  const ends = [16, 16 + infoLength];
  let position = 16 + infoLength;
  for (const { length } of infos) {
    if (!Number.isSafeInteger(length) || length < 0) return null;
    const padding = ((position + 3) & ~3) - position;
    if (length > V86_READ_PIECE) {
      ends.push(position + padding);
      for (let done = 0; done < length; done += V86_READ_PIECE) {
        ends.push(position + padding + Math.min(length, done + V86_READ_PIECE));
      }
    } else {
      ends.push(position + padding + length);
    }
    position += padding + length;
  }
  return position <= raw.length ? ends : null;
}

/**
 * Frame ends for `raw`: at read ends (`ends`), each frame as close to
 * `frameBytes` as the reads allow, the last one ending at `raw.length`.
 */
export function frameEnds(
  rawLength: number,
  ends: readonly number[],
  frameBytes: number,
): number[] {
  const cuts: number[] = [];
  let start = 0;
  for (const end of ends) {
    if (end - start >= frameBytes && end < rawLength) {
      cuts.push(end);
      start = end;
    }
  }
  cuts.push(rawLength);
  return cuts;
}
