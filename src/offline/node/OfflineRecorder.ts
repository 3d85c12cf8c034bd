import { existsSync, mkdirSync, readFileSync, renameSync, rmdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { nodeAssets, nodeVmBuild, readManifest, vmDir } from "../../runtime/node/nodeAssets.ts";
import { DISK_CHUNK_BYTES } from "../../runtime/v86/diskLoading.ts";
import type { V86Like } from "../../runtime/v86/emulator.ts";
import { V86Runtime } from "../../runtime/v86/V86Runtime.ts";
import { fetchedDiskChunks } from "../fetchedDiskChunks.ts";
import { mergeRecording, parseOfflineManifest, type OfflineManifest } from "../offlineManifest.ts";

/**
 * The built-in course's offline manifest, beside the VM build it describes
 * (public/vm/offline.json, or in $SANDBOX_VM_DIR): chunk indexes only mean
 * something for the disk they were read from, and two builds of one recipe
 * differ (docs/offline.md).
 */
export function offlineManifestPath(dir = vmDir()): string {
  return join(dir, "offline.json");
}

/**
 * Programs that run all the time and whose code the guest may reach at any
 * moment (a timer, a GC, the first API call of a reloaded page): their pages
 * that neither the ready snapshot held nor any lesson read are fetched only
 * when that moment comes, and offline it never does. Measured 2026-12-08: the
 * offline e2e test's reload, restoring the sandbox saved after a step, waited
 * for ever on one 512 KiB range inside /usr/sbin/dockerd (`debugfs icheck`,
 * `ncheck` on disk.img), which no recording listed; the range was named by
 * the worker's "[offline] the guest waits for disk bytes=…" warning. Read
 * whole, they add about 97 MB to the base (dockerd 238 chunks of 256 KiB,
 * containerd 150, then not listed), 70 MB to a chapter.
 */
const DAEMONS = ["/usr/sbin/dockerd", "/usr/bin/containerd"];

/**
 * Records which disk chunks each lesson's self-test reads, into the offline
 * manifest (docs/offline.md). The lessons suite and `npm run lessons:test`
 * use it when SANDBOX_RECORD_OFFLINE is set: `npm test` sets it for the
 * lessons suite, so every tested VM build has its recording before the e2e
 * suite serves it; `npm run offline:record` records without the other suites.
 */
export class OfflineRecorder {
  #emulator: V86Like | null = null;
  #base = new Set<number>();
  /**
   * What emulators replaced since the chapter started had read. An accepted
   * answer (selfTest.ts) restores a saved VM in the middle of a lesson: that
   * is a new emulator, whose fetched chunks start empty, and without these
   * the lesson's list would lose what it read before the restore.
   */
  #carried = new Set<number>();
  readonly path: string;

  /** A recorder when SANDBOX_RECORD_OFFLINE is set (1: the default path; else a path). */
  static fromEnv(env = process.env): OfflineRecorder | null {
    const value = env.SANDBOX_RECORD_OFFLINE;
    if (!value || value === "0") return null;
    return new OfflineRecorder(value === "1" ? offlineManifestPath() : value);
  }

  constructor(path = offlineManifestPath()) {
    this.path = path;
  }

  /** Start a sandbox as startNodeSandbox does, watched by this recorder. */
  async startSandbox(): Promise<V86Runtime> {
    const runtime = new V86Runtime({
      assets: nodeAssets(),
      build: nodeVmBuild(),
      onEmulator: (emulator) => (this.#emulator = emulator),
    });
    runtime.on("status", (status) => {
      // Still the old emulator: a reset sets "resetting" before it destroys it.
      if (status === "resetting" && this.#emulator)
        for (const c of this.#chunks()) this.#carried.add(c);
    });
    await runtime.start();
    await this.started(runtime);
    return runtime;
  }

  /**
   * Record the start's chunks (call after every start or reset). The app
   * opens a terminal at once, so the base includes a login shell's start:
   * one is opened and left again here.
   *
   * The guest's page cache is dropped first, so the recording holds what a
   * guest with a cold cache reads: a sandbox restored from a save (the save
   * drops the cache, V86Runtime.saveState) reads programs again that the
   * ready snapshot had in memory, and offline those reads must be kept too.
   *
   * In that terminal the Docker CLI's common commands run once, printing to
   * it: the self-tests run commands without a terminal, and the CLI's code
   * for a terminal is on other pages of /usr/bin/docker. Measured 2026-12-06:
   * offline, a sandbox restored from a save ran `docker info --format …` in
   * the app's terminal and waited for ever on 2 chunks of /usr/bin/docker
   * that neither the visit (the ready snapshot held them) nor the recording
   * had read; `docker info --format x` in a terminal reads one of them, the
   * four commands below, printing to the terminal, both.
   *
   * The base is the same for every start of one VM build, so the terminal
   * runs only at this recorder's first start; later starts (a chapter each in
   * the lessons suite) only drop the cache, and their lessons read the CLI's
   * pages again themselves (a lesson's list may repeat base chunks; the pack
   * is a union). With Docker 26 the four commands take about 50 s on a cold
   * cache (`docker info` runs every CLI plugin, 60 MB programs each):
   * measured 2026-12-07, about 45 s of every chapter but the first.
   *
   * The daemons' programs are read whole into the base (DAEMONS).
   */
  async started(runtime: V86Runtime): Promise<void> {
    this.#carried.clear();
    await runtime.exec("sync; echo 1 > /proc/sys/vm/drop_caches");
    if (this.#base.size > 0) return;
    const terminal = await runtime.openTerminal({ cols: 80, rows: 24 });
    const exited = new Promise<void>((resolve) => terminal.onExit(() => resolve()));
    terminal.write("docker version; docker info; docker ps -a; docker images; exit\n");
    await exited;
    await runtime.exec(`cat ${DAEMONS.join(" ")} > /dev/null`);
    this.#base = this.#chunks();
  }

  /** Run one lesson's self-test and record the chunks it read first; saves at once. */
  async lesson<T>(chapter: string, lesson: string, run: () => Promise<T>): Promise<T> {
    const before = this.#chunks();
    const result = await run();
    const read = [...this.#chunks()].filter((c) => !before.has(c));
    this.#save({ chapter, base: this.#base, lessons: { [lesson]: read } });
    return result;
  }

  #chunks(): Set<number> {
    if (!this.#emulator) throw new Error("OfflineRecorder: no sandbox started through it");
    const chunks = fetchedDiskChunks(this.#emulator, DISK_CHUNK_BYTES);
    for (const chunk of this.#carried) chunks.add(chunk);
    return chunks;
  }

  // The two lessons shards record in parallel processes into one file: a
  // lock directory makes each read-merge-write whole.
  #save(recording: Parameters<typeof mergeRecording>[2]): void {
    const vm = readManifest();
    const lock = `${this.path}.lock`;
    for (let tries = 0; ; tries++) {
      try {
        mkdirSync(lock);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST" || tries > 200) throw err;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
      }
    }
    try {
      let previous: OfflineManifest | null = null;
      if (existsSync(this.path)) {
        try {
          previous = parseOfflineManifest(JSON.parse(readFileSync(this.path, "utf8")));
        } catch {
          previous = null; // unreadable: start over rather than stop the suite
        }
      }
      const merged = mergeRecording(
        previous,
        {
          recipeHash: vm.recipeHash,
          diskSha256: vm.files["disk.img"].sha256,
          chunkBytes: DISK_CHUNK_BYTES,
          diskBytes: vm.files["disk.img"].size,
        },
        recording,
      );
      writeFileSync(`${this.path}.tmp`, `${JSON.stringify(merged, null, 2)}\n`);
      renameSync(`${this.path}.tmp`, this.path);
    } finally {
      rmdirSync(lock);
    }
  }
}
