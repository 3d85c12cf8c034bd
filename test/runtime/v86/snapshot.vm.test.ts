// What the ready snapshot holds (images/vm-boot.ts, warmFirstMinute): a page
// load's first seconds must not wait on the lazy disk, which in a browser is
// one HTTP Range request per 256 KiB chunk. Fresh restore, real VM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeAssets } from "../../../src/runtime/node/nodeAssets.ts";
import type { V86Like } from "../../../src/runtime/v86/emulator.ts";
import { fetchedDiskBytes } from "../../../src/runtime/v86/diskReads.ts";
import { V86Runtime } from "../../../src/runtime/v86/V86Runtime.ts";
import { LEARNER_SHELL, PACK_WORKSPACE } from "../../../src/runtime/workspace.ts";
import { poll } from "./helpers.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("the ready snapshot", () => {
  let vm: V86Runtime;
  let emulator: V86Like | undefined;
  beforeAll(async () => {
    vm = new V86Runtime({ assets: nodeAssets(), onEmulator: (e) => (emulator = e) });
    await vm.start();
  });
  afterAll(async () => {
    await vm?.dispose();
  });

  it("starts the learner's shell and restores a workspace without reading the disk", async () => {
    const before = fetchedDiskBytes(emulator!);
    const term = await vm.openTerminal({ cols: 80, rows: 24, command: LEARNER_SHELL });
    let out = "";
    term.onData((c) => (out += text(c)));
    await poll(async () => (out.includes("root@sandbox") ? true : undefined), 30_000);
    await vm.writeFile("app/Dockerfile", "FROM busybox\n");
    expect((await vm.listFiles()).map((e) => e.path)).toContain("app/Dockerfile");
    expect((await vm.exec(PACK_WORKSPACE)).exitCode).toBe(0);
    term.close();
    // Writing new files reads a few metadata blocks; the programs come from memory.
    expect(fetchedDiskBytes(emulator!) - before).toBeLessThanOrEqual(512 * 1024);
  });

  it("holds the docker CLI's pages, and the kernel's paging defaults are back", async () => {
    const r = await vm.exec(
      "fincore -nb -o RES /usr/bin/docker /usr/bin/containerd-shim-runc-v2; " +
        "cat /sys/block/sda/queue/read_ahead_kb; " +
        "mount -t debugfs debugfs /sys/kernel/debug && cat /sys/kernel/debug/fault_around_bytes; " +
        "umount /sys/kernel/debug",
    );
    expect(text(r.stderr)).toBe("");
    const [cli, shim, readahead, faultAround] = text(r.stdout).trim().split("\n").map(Number);
    expect(cli).toBeGreaterThan(4 * 2 ** 20);
    expect(shim).toBeGreaterThan(2 ** 20);
    expect(readahead).toBe(128);
    expect(faultAround).toBe(65536);
  });
});
