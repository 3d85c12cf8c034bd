import type { V86Cpu } from "./emulator.ts";

/** Below this, v86 has already written its BIOS and VGA BIOS into guest RAM before a restore. */
const LOW_MEMORY_BYTES = 1024 * 1024;

/**
 * Restoring a state, v86 first zeroes the whole guest RAM (1 GiB), then
 * copies in the state's non-zero pages. Our emulators are always new (every
 * start and reset builds one), and WebAssembly memory starts zeroed, so that
 * pass only writes zeros over zeros. It is not free: it is the first touch of
 * every page, and the host commits them all. Measured on the 2-core machine:
 * 3.9 s of a 6.2 s start from the ready snapshot (docs/performance.md), and
 * the whole 1 GiB counts against the tab's memory for as long as it lives.
 *
 * So the first full-RAM zeroing of a fresh emulator clears only what v86 has
 * written before the restore: the BIOS images below 1 MiB, and anything else
 * `write_blob` put in RAM (tracked, in case a v86 version writes more). Every
 * later zeroing (a second restore into the same emulator, a balloon) is v86's
 * own. Restore mode only: a boot writes the kernel into RAM untracked.
 */
export function skipZeroingFreshMemory(cpu: V86Cpu): void {
  const zero = cpu.zero_memory.bind(cpu);
  const writeBlob = cpu.write_blob.bind(cpu);
  let written = LOW_MEMORY_BYTES;
  let fresh = true;
  cpu.write_blob = (blob, address) => {
    written = Math.max(written, address + blob.length);
    writeBlob(blob, address);
  };
  cpu.zero_memory = (address, length) => {
    const wholeRam = address === 0 && length === cpu.memory_size[0];
    if (fresh && wholeRam) {
      fresh = false;
      zero(0, Math.min(written, length));
      return;
    }
    fresh = false;
    zero(address, length);
  };
}
