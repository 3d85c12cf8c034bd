/**
 * The image build's two boots of the guest under Node (called by build.sh):
 *
 *   tsx images/vm-boot.ts provision OUT   first boot: import the baked container
 *       images, then write the guest's disk writes back into OUT/disk.img.
 *   tsx images/vm-boot.ts snapshot OUT    second boot: wait for the agent's
 *       READY, warm Docker up, shrink memory, save OUT/state.bin (raw).
 *
 * Prints the guest's serial console as it boots; exits non-zero with the reason
 * when the guest fails or times out. Writes timings to OUT/boot-stats.json.
 */
import { closeSync, existsSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { ifExists } from "../src/checks/ifExists.ts";
import { ControlChannel } from "../src/runtime/control/ControlChannel.ts";
import { DockerClient } from "../src/runtime/docker/DockerClient.ts";
import { buildAssets } from "../src/runtime/node/nodeAssets.ts";
import { createEmulator, type V86Like } from "../src/runtime/v86/emulator.ts";
import { VM_PROFILE, v86Options } from "../src/runtime/v86/profile.ts";
import { virtioPort } from "../src/runtime/v86/VirtioPort.ts";
import {
  CLEAR_WORKSPACE,
  LEARNER_SHELL,
  PACK_WORKSPACE,
  UNPACK_WORKSPACE,
  workspaceFiles,
} from "../src/runtime/workspace.ts";

const [mode, outDir] = process.argv.slice(2);
if ((mode !== "provision" && mode !== "snapshot") || !outDir) {
  console.error("usage: tsx images/vm-boot.ts provision|snapshot OUT_DIR");
  process.exit(2);
}
const BOOT_TIMEOUT_MS = Number(process.env.SANDBOX_BOOT_TIMEOUT_MS ?? 30 * 60_000);
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const statsPath = join(outDir, "boot-stats.json");
const stats: Record<string, number> = existsSync(statsPath) ? JSON.parse(readFileSync(statsPath, "utf8")) : {};

/** Echo the serial console line by line and resolve when a marker line appears. */
function watchConsole(emulator: V86Like, markers: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    let line = "";
    emulator.add_listener("serial0-output-byte", ((byte: number) => {
      const ch = String.fromCharCode(byte);
      if (ch !== "\n") {
        line += ch;
        return;
      }
      const text = line.replace(/\r$/, "");
      line = "";
      process.stdout.write(`  [guest ${elapsed()}] ${text}\n`);
      if (text.startsWith("SANDBOX-FAILED")) reject(new Error(`guest reported: ${text}`));
      const hit = markers.find((m) => text.startsWith(m));
      if (hit) resolve(text);
    }) as (value: never) => void);
  });
}

function timeout(ms: number, what: string): Promise<never> {
  return new Promise((_, reject) =>
    setTimeout(() => reject(new Error(`${what}: no answer after ${ms / 1000} s`)), ms).unref(),
  );
}

/**
 * v86 keeps an async disk's writes in memory (256-byte blocks). After the
 * provisioning boot they are the imported images: write them into the file.
 */
function persistDiskWrites(emulator: V86Like, diskPath: string): number {
  const buffer = emulator.v86?.cpu?.devices?.ide?.primary?.master?.buffer as
    | { block_cache?: Map<number, Uint8Array>; block_cache_is_write?: Set<number> }
    | undefined;
  if (!buffer?.block_cache || !buffer.block_cache_is_write) {
    throw new Error("cannot reach v86's disk write cache (did the v86 version change its internals?)");
  }
  const fd = openSync(diskPath, "r+");
  try {
    for (const index of buffer.block_cache_is_write) {
      const block = buffer.block_cache.get(index)!;
      writeSync(fd, block, 0, block.length, index * 256);
    }
  } finally {
    closeSync(fd);
  }
  return buffer.block_cache_is_write.size * 256;
}

async function provision(): Promise<void> {
  const emulator = await createEmulator(
    v86Options(buildAssets(outDir!), { kind: "boot", extraCmdline: "sandbox.provision=1" }),
  );
  await Promise.race([watchConsole(emulator, ["SANDBOX-PROVISIONED"]), timeout(BOOT_TIMEOUT_MS, "provisioning")]);
  stats.provisionMs = Date.now() - t0;
  await emulator.stop();
  const bytes = persistDiskWrites(emulator, join(outDir!, "disk.img"));
  console.log(`provisioned in ${elapsed()}; wrote ${(bytes / 2 ** 20).toFixed(1)} MiB of guest writes into disk.img`);
  await emulator.destroy();
}

/**
 * Read what a page load reads in its first seconds, so the snapshot holds it:
 * the learner's shell (bash, its libraries, terminfo, the rc file) and the
 * workspace restore (tar, find, cat, mkdir), a first `docker run`, and the
 * checkers' first Engine API calls. Without this the browser fetched
 * 7.6 MB of lazy disk (28 chunks of 256 KiB, for ~2 MB of files) before the
 * first prompt. Readahead is off meanwhile, so only the pages actually read
 * are kept.
 */
async function warmFirstMinute(control: ControlChannel, run: (cmd: string) => Promise<void>): Promise<void> {
  await run("echo 0 > /sys/block/sda/queue/read_ahead_kb");
  const terminal = await control.openPty({ cols: 80, rows: 24, command: LEARNER_SHELL });
  let output = "";
  await Promise.race([
    new Promise<void>((resolve) => {
      terminal.onData((bytes) => {
        output += new TextDecoder().decode(bytes);
        if (output.includes("# ")) resolve();
      });
    }),
    timeout(60_000, "the learner shell's prompt"),
  ]);
  const exited = new Promise<void>((resolve) => terminal.onExit(() => resolve()));
  terminal.write("exit\n");
  await Promise.race([exited, timeout(60_000, "the learner shell's exit")]);
  const files = workspaceFiles((cmd, options) => control.exec(cmd, options));
  await files.writeFile("warm/Dockerfile", "FROM busybox\n");
  await files.listFiles();
  await files.readFile("warm/Dockerfile");
  await run(`${PACK_WORKSPACE} | (${UNPACK_WORKSPACE}) && ${CLEAR_WORKSPACE}`);
  // The learner's first docker commands: the Go CLI, shim, crun, busybox.
  // ~27 MiB more page cache (the state grows ~9 MiB zstd) against ~80 MB of
  // lazy-disk downloads in a browser's first `docker run` (docs/performance.md).
  await run("docker run --rm busybox echo warm && docker ps -a && docker images");
  // The dockerd handlers behind the app's first Engine API calls (checkers:
  // lists, inspects, 404s, the events stream).
  const docker = new DockerClient(() => control.openUnix("/var/run/docker.sock"));
  await docker.ping();
  await docker.version();
  await docker.listImages({ all: true });
  await docker.inspectImage("busybox");
  await docker.imageHistory("busybox");
  await ifExists(docker.inspectImage("sandbox-warm-missing"));
  await docker.listContainers({ all: true, filters: { name: ["sandbox-warm"] } });
  await ifExists(docker.inspectContainer("sandbox-warm-missing"));
  await docker.listNetworks();
  await docker.inspectNetwork("bridge");
  await docker.listVolumes();
  await ifExists(docker.inspectVolume("sandbox-warm-missing"));
  const now = Math.floor(Date.now() / 1000);
  const events = await docker.events({ since: now - 3600, until: now }, () => {});
  await events.done;
}

async function snapshot(): Promise<void> {
  const emulator = await createEmulator(v86Options(buildAssets(outDir!), { kind: "boot" }));
  const control = new ControlChannel(virtioPort(emulator, VM_PROFILE.controlPort));
  const ready = new Promise<void>((resolve) => control.onReady(() => resolve()));
  watchConsole(emulator, []).catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
  await Promise.race([ready, timeout(BOOT_TIMEOUT_MS, "boot to agent READY")]);
  stats.bootToReadyMs = Date.now() - t0;
  console.log(`agent ready after ${elapsed()}`);
  await control.hello({ timeoutMs: 30_000 });

  const run = async (cmd: string) => {
    const started = Date.now();
    const r = await control.exec(cmd, { timeoutMs: 10 * 60_000 });
    const out = new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr);
    console.log(`  $ ${cmd}  -> exit ${r.exitCode} in ${Date.now() - started} ms\n${out.replace(/^/gm, "    ")}`);
    if (r.exitCode !== 0) throw new Error(`warm-up command failed: ${cmd}`);
  };
  // Warm up: the first container start and the first build pay one-time costs
  // (page cache of the Go binaries, runtime setup) that the snapshot then keeps.
  // The snapshot is useless without the NIC (connect(port) into the guest).
  await run("ip -br addr show eth0 | grep -q 192.168.86.100 && ip -br addr show eth0");
  await run("docker version --format '{{.Server.Version}}' && docker images");
  await run("docker run --rm busybox true");
  await run("docker run --rm debian:bookworm-slim true");
  await run("cd /tmp && printf 'FROM busybox\\nRUN true\\n' > Dockerfile && docker build -q -t warmup . && docker rmi warmup && rm Dockerfile");
  stats.warmupDoneMs = Date.now() - t0;
  // Shrink: drop the page cache and compact, so free memory is zero pages
  // (init_on_free=on) that cost nothing in the compressed state.
  await run("sync; echo 3 > /proc/sys/vm/drop_caches; echo 1 > /proc/sys/vm/compact_memory");
  await warmFirstMinute(control, run);
  // Back to the kernel's defaults for everything after the restore (sandbox-init
  // lowered fault-around for the daemons' start; readahead was off for the warm-up).
  await run(
    "echo 128 > /sys/block/sda/queue/read_ahead_kb && mount -t debugfs debugfs /sys/kernel/debug && " +
      "echo 65536 > /sys/kernel/debug/fault_around_bytes && umount /sys/kernel/debug",
  );
  // Shell built-ins only: a `free` here would keep procps and its libraries in the snapshot.
  await run("while read -r k v _; do case $k in MemFree:|Cached:|Mapped:|AnonPages:) echo \"$k $((v / 1024)) MiB\";; esac; done </proc/meminfo");
  await new Promise((r) => setTimeout(r, 1000)); // let the agent go back to poll()
  const state = await emulator.save_state();
  writeFileSync(join(outDir!, "state.bin"), new Uint8Array(state));
  console.log(`saved state: ${(state.byteLength / 2 ** 20).toFixed(1)} MiB raw after ${elapsed()}`);
  await emulator.stop();
  await emulator.destroy();
}

try {
  await (mode === "provision" ? provision() : snapshot());
  writeFileSync(statsPath, JSON.stringify(stats, null, 2));
  process.exit(0);
} catch (err) {
  console.error(`vm-boot ${mode} failed after ${elapsed()}: ${(err as Error).message}`);
  process.exit(1);
}
