import type { V86Like } from "./emulator.ts";

/**
 * Count the distinct disk bytes the guest reads: what a browser downloads
 * (HTTP Range requests) before it is ready. Reaches into v86's async disk
 * buffer, so it is a measuring tool (benchmark), not something the app uses.
 */
export function trackDiskReads(emulator: V86Like): {
  distinctBytes(): number;
  totalBytes(): number;
} {
  const blocks = new Set<number>();
  let total = 0;
  // The disk buffer exists once v86 has loaded its files (before the guest runs).
  const onLoaded = () => {
    emulator.remove_listener("emulator-loaded", onLoaded);
    patch(emulator, blocks, (n) => (total += n));
  };
  emulator.add_listener("emulator-loaded", onLoaded);
  return { distinctBytes: () => blocks.size * 256, totalBytes: () => total };
}

function patch(emulator: V86Like, blocks: Set<number>, count: (n: number) => void): void {
  const buffer = emulator.v86?.cpu?.devices?.ide?.primary?.master?.buffer as
    { get?: (offset: number, len: number, fn: (data: Uint8Array) => void) => void } | undefined;
  if (!buffer?.get) throw new Error("cannot reach v86's disk buffer to count reads");
  const original = buffer.get.bind(buffer);
  buffer.get = (offset, len, fn) => {
    for (let b = Math.floor(offset / 256); b < Math.ceil((offset + len) / 256); b++) blocks.add(b);
    count(len);
    original(offset, len, fn);
  };
}
