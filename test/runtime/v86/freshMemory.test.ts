import { describe, expect, it } from "vitest";
import type { V86Cpu } from "../../../src/runtime/v86/emulator.ts";
import { skipZeroingFreshMemory } from "../../../src/runtime/v86/freshMemory.ts";

const MiB = 1024 * 1024;

function fakeCpu(): V86Cpu & { zeroed: [number, number][] } {
  const zeroed: [number, number][] = [];
  return {
    zeroed,
    memory_size: Uint32Array.of(64 * MiB),
    init: () => {},
    zero_memory: (address, length) => void zeroed.push([address, length]),
    write_blob: () => {},
  };
}

describe("restoring into a fresh emulator", () => {
  it("zeroes only what v86 wrote before the restore, once", () => {
    const cpu = fakeCpu();
    skipZeroingFreshMemory(cpu);
    cpu.write_blob(new Uint8Array(64 * 1024), MiB - 64 * 1024); // the BIOS
    cpu.zero_memory(0, 64 * MiB); // unpack_memory of the first restore
    cpu.zero_memory(0, 64 * MiB); // a second restore into the same emulator
    expect(cpu.zeroed).toEqual([
      [0, MiB],
      [0, 64 * MiB],
    ]);
  });

  it("zeroes up to the highest byte written, wherever v86 writes", () => {
    const cpu = fakeCpu();
    skipZeroingFreshMemory(cpu);
    cpu.write_blob(new Uint8Array(16), 5 * MiB);
    cpu.zero_memory(0, 64 * MiB);
    expect(cpu.zeroed).toEqual([[0, 5 * MiB + 16]]);
  });

  it("leaves partial zeroing (a balloon, a device) to v86, and is no longer fresh after it", () => {
    const cpu = fakeCpu();
    skipZeroingFreshMemory(cpu);
    cpu.zero_memory(8 * MiB, 4096);
    cpu.zero_memory(0, 64 * MiB);
    expect(cpu.zeroed).toEqual([
      [8 * MiB, 4096],
      [0, 64 * MiB],
    ]);
  });
});
