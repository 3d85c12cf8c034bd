/**
 * How the lazy root disk is fetched: in fixed-size chunks, cached once read.
 *
 * Without a chunk size v86 fetches exactly the sectors the guest asks for and
 * keeps nothing, so every page fault of a freshly started binary is one HTTP
 * Range request, and re-reads fetch again. In the browser that turned a
 * `docker run` into minutes. With chunks, neighbouring reads share a request
 * and nothing read is fetched twice.
 *
 * Not part of the VM profile: a snapshot only stores the disk's *written*
 * blocks, so how reads are fetched does not bind the snapshot.
 */
export const DISK_CHUNK_BYTES = 256 * 1024;

/** Apply the chunked loading strategy to v86 options built by `v86Options`. */
export function withChunkedDisk(
  options: Record<string, unknown>,
  chunkBytes = DISK_CHUNK_BYTES,
): Record<string, unknown> {
  const hda = options.hda as Record<string, unknown> | undefined;
  if (hda) options.hda = { ...hda, fixed_chunk_size: chunkBytes };
  return options;
}
