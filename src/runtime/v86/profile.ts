/**
 * The guest machine. A saved state only restores into an emulator built with
 * the same options (memory, VGA memory, devices, disk), so the image build and
 * every runtime take their options from here and nowhere else.
 */

export const VM_PROFILE = {
  /** Guest RAM. dockerd + containerd + a build fit in 1 GiB; zero pages cost nothing in the snapshot. */
  memoryBytes: 1024 * 1024 * 1024,
  /** Smallest VGA memory v86 accepts; the guest is headless (serial + virtio only). */
  vgaMemoryBytes: 8 * 1024 * 1024,
  /** virtio-console port carrying the control channel (/dev/hvc1 in the guest). */
  controlPort: 1,
  /** Address the fake network gives the guest; `connect(port)` dials it. */
  guestIp: "192.168.86.100",
  /** `tsc=reliable`: v86 has no HPET/ACPI timer. `init_on_free`: freed pages are zero, so they compress away. */
  cmdline: [
    "console=ttyS0",
    "root=/dev/sda",
    "rw",
    "tsc=reliable",
    "mitigations=off",
    "random.trust_cpu=on",
    "init_on_free=on",
    "nowatchdog",
    "audit=0",
    "apparmor=0",
    "net.ifnames=0",
    "quiet",
  ].join(" "),
} as const;

/** Where each asset is: a URL in the browser, a file path under Node. */
export interface AssetLocations {
  wasm: string;
  bios: string;
  vgaBios: string;
  kernel: string;
  initrd: string;
  disk: string;
  diskSize: number;
  /** The ready snapshot (zstd); absent when booting from scratch. */
  state?: string;
}

export type BootMode =
  /** Power on from the kernel (used by the image build). */
  | { kind: "boot"; extraCmdline?: string }
  /** Restore the ready snapshot (every normal start). */
  | { kind: "restore" };

/** v86 constructor options for the sandbox machine. */
export function v86Options(assets: AssetLocations, mode: BootMode): Record<string, unknown> {
  const options: Record<string, unknown> = {
    wasm_path: assets.wasm,
    memory_size: VM_PROFILE.memoryBytes,
    vga_memory_size: VM_PROFILE.vgaMemoryBytes,
    bios: { url: assets.bios },
    vga_bios: { url: assets.vgaBios },
    // Async: only the blocks the guest reads are fetched (HTTP Range in the
    // browser, positional reads under Node); writes stay in memory.
    hda: { url: assets.disk, async: true, size: assets.diskSize },
    net_device: { type: "virtio", relay_url: "fetch" },
    virtio_console: true,
    preserve_mac_from_state_image: true,
    autostart: true,
    disable_keyboard: true,
    disable_mouse: true,
    disable_speaker: true,
    acpi: false,
  };
  if (mode.kind === "boot") {
    options.bzimage = { url: assets.kernel };
    options.initrd = { url: assets.initrd };
    options.cmdline = mode.extraCmdline ? `${VM_PROFILE.cmdline} ${mode.extraCmdline}` : VM_PROFILE.cmdline;
  } else {
    if (!assets.state) throw new Error("restore needs the ready snapshot (state.bin.zst)");
    options.initial_state = { url: assets.state };
  }
  return options;
}
