// Skipping v86's zeroing of a fresh emulator's RAM (freshMemory.ts) must not
// change the restored guest by one byte: the ready snapshot restored both
// ways gives the same memory. Real v86, real snapshot.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nodeAssets } from "../../../src/runtime/node/nodeAssets.ts";
import { withChunkedDisk } from "../../../src/runtime/v86/diskLoading.ts";
import { createEmulator, once, type V86Like } from "../../../src/runtime/v86/emulator.ts";
import { skipZeroingFreshMemory } from "../../../src/runtime/v86/freshMemory.ts";
import { v86Options } from "../../../src/runtime/v86/profile.ts";

/** Restore the ready snapshot without running it, and hash the guest's RAM. */
async function restoredMemory(skipZeroing: boolean): Promise<string> {
  const options = { ...withChunkedDisk(v86Options(nodeAssets(), { kind: "restore" })) };
  options.autostart = false;
  const emulator = await createEmulator(options, skipZeroing ? skipZeroingFreshMemory : undefined);
  try {
    await once(emulator, "emulator-loaded");
    const cpu = (emulator as V86Like & { v86: { cpu: { mem8: Uint8Array } } }).v86.cpu;
    // A plain view: v86's own is a subclass Node's hash does not take.
    const ram = new Uint8Array(cpu.mem8.buffer, cpu.mem8.byteOffset, cpu.mem8.length);
    return createHash("sha256").update(ram).digest("hex");
  } finally {
    await emulator.destroy();
  }
}

describe("restoring into a fresh emulator without zeroing its RAM first", () => {
  it("gives the same guest memory as v86's own restore", async () => {
    const own = await restoredMemory(false);
    const fast = await restoredMemory(true);
    expect(fast).toBe(own);
  }, 300_000);
});
