import type { ByteStream, Unsubscribe } from "../ByteStream.ts";
import { ControlChannel, type PortIO } from "../control/ControlChannel.ts";
import { abortError } from "../bytes.ts";
import { Heartbeat } from "../Heartbeat.ts";
import { RuntimeBase } from "../RuntimeBase.ts";
import type {
  ExecOptions,
  ExecResult,
  GuestActivity,
  StartOptions,
  TerminalOptions,
  TerminalSession,
} from "../Runtime.ts";
import {
  assertSameVmBuild,
  decodeSandboxFile,
  encodeSandboxFile,
  FRAME_BYTES,
  type SandboxFileHeader,
  type VmBuild,
} from "../state/sandboxFile.ts";
import { frameEnds, v86ReadEnds } from "../state/frameCuts.ts";
import { compressFrames, decompressFrames } from "../state/zstdFrames.ts";
import { withChunkedDisk } from "./diskLoading.ts";
import { diskBlocksHeld } from "./diskReads.ts";
import { skipZeroingFreshMemory } from "./freshMemory.ts";
import { packDiskState } from "./packedDiskState.ts";
import { installSameThreadYield } from "./sameThreadYield.ts";
import { assertNoGuestEgress } from "./noEgress.ts";
import { installBlockCompiler, type JitCounters } from "./blockCompiler.ts";
import { createEmulator, once, type V86Like } from "./emulator.ts";
import { VM_PROFILE, v86Options, type AssetLocations } from "./profile.ts";
import { openTcp } from "./TcpStream.ts";
import { virtioPort } from "./VirtioPort.ts";

/**
 * A saved sandbox, checked, ready for v86: the zstd stream v86 decompresses
 * itself (format 2), or the raw state (format 1, decompressed here).
 */
interface SavedSandbox {
  header: SandboxFileHeader;
  state: ArrayBuffer;
}

/** What the learner sees when the guest agent has been silent for the heartbeat's limit. */
const STOPPED_RESPONDING = "the sandbox stopped responding";

export interface V86RuntimeOptions {
  assets: AssetLocations;
  /** Give up on the guest's READY answer after this long. Default 60 s (a loaded CI machine is slow). */
  readyTimeoutMs?: number;
  /** Called with each new emulator before it runs (measuring tools hook in here). */
  onEmulator?: (emulator: V86Like) => void;
  /**
   * The VM build the assets are (from their manifest): saved sandboxes carry
   * it, and one from another build is refused. Without it nothing can be
   * saved or restored.
   */
  build?: VmBuild;
}

/**
 * The real sandbox: v86 restoring the ready snapshot of the Debian guest.
 * Runs wherever v86 runs (Node, a Web Worker). Every start and reset builds a
 * fresh emulator: restoring twice into one instance makes the guest clock jump.
 * Only the core is here; files and `docker` come from RuntimeBase.
 */
export class V86Runtime extends RuntimeBase {
  #emulator: V86Like | null = null;
  #control: ControlChannel | null = null;
  #teardown: Unsubscribe[] = [];
  #heartbeat: Heartbeat | null = null;
  #jit: JitCounters | null = null;

  constructor(private readonly options: V86RuntimeOptions) {
    super();
  }

  async start(options: StartOptions = {}): Promise<void> {
    if (this.status === "disposed") throw new Error("runtime was disposed");
    if (this.status === "ready") return;
    const saved = options.from ? await this.#readSaved(options.from, options.signal) : null;
    await this.#start(saved, options.signal);
  }

  async reset(options: StartOptions = {}): Promise<void> {
    // A damaged file or another build's is refused before the guest is thrown away.
    const saved = options.from ? await this.#readSaved(options.from, options.signal) : null;
    this.setStatus("resetting");
    await this.#destroyEmulator();
    this.setStatus("idle");
    await this.#start(saved, options.signal);
  }

  async #start(saved: SavedSandbox | null, signal?: AbortSignal): Promise<void> {
    this.setStatus("starting");
    try {
      await this.#restore(signal, saved);
      this.setStatus("ready");
    } catch (err) {
      await this.#destroyEmulator();
      this.setStatus("failed");
      throw err;
    }
  }

  async dispose(): Promise<void> {
    if (this.status === "disposed") return;
    await this.#destroyEmulator();
    this.setStatus("disposed");
    this.events.clear();
  }

  exec(command: string, options: ExecOptions = {}): Promise<ExecResult> {
    return this.#ready().exec(command, options);
  }

  openTerminal(options: TerminalOptions): Promise<TerminalSession> {
    return this.#ready().openPty(options);
  }

  connect(
    port: number,
    options: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<ByteStream> {
    this.#ready();
    return openTcp(this.#emulator!, port, options);
  }

  connectUnix(path: string, options: { signal?: AbortSignal } = {}): Promise<ByteStream> {
    return this.#ready().openUnix(path, options);
  }

  async saveState(
    options: { signal?: AbortSignal; meta?: Record<string, string> } = {},
  ): Promise<Uint8Array> {
    const control = this.#ready();
    const emulator = this.#emulator!;
    const build = this.#build();
    const t0 = performance.now();
    await this.#dropPageCache(options.signal);
    const t1 = performance.now();
    // The snapshot itself is synchronous inside v86: the guest pauses for it.
    const raw = new Uint8Array(await emulator.save_state());
    const t2 = performance.now();
    // Read after the snapshot: every id the saved agent knows is below `next`.
    const channels = control.snapshot();
    const savedAt = new Date().toISOString();
    const ends = v86ReadEnds(raw);
    const frames = await compressFrames(
      raw,
      options.signal,
      ends ? frameEnds(raw.length, ends, FRAME_BYTES) : undefined,
    );
    const t3 = performance.now();
    const file = encodeSandboxFile(
      {
        vm: build,
        savedAt,
        rawBytes: raw.length,
        v86Stream: ends !== null,
        channels,
        meta: options.meta ?? {},
      },
      frames,
    );
    this.events.emit("saved", {
      dropCacheMs: Math.round(t1 - t0),
      snapshotMs: Math.round(t2 - t1),
      compressMs: Math.round(t3 - t2),
      rawBytes: raw.length,
      fileBytes: file.length,
    });
    return file;
  }

  /**
   * Before a save, the guest drops its clean page cache (file data it can
   * read again; `sync` first, so written files are on the disk). The kernel
   * zeroes freed pages (`init_on_free`) and v86 leaves zero pages out of a
   * state. After the friendlyhello lessons that halved the state (605 → 323
   * MB raw, 256 → 129 MB saved) and the restore time, and the first
   * `docker run` after a restore took no longer (docs/performance.md). It is
   * only an optimisation: if the guest does not manage it soon, the save
   * goes on.
   */
  async #dropPageCache(signal?: AbortSignal): Promise<void> {
    try {
      await this.exec("sync; echo 1 > /proc/sys/vm/drop_caches", {
        timeoutMs: 20_000,
        ...(signal ? { signal } : {}),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
    }
  }

  /** What v86's JIT compiled in this emulator so far (for the benchmark and the profile). */
  jitCounters(): JitCounters | null {
    return this.#jit ? { ...this.#jit } : null;
  }

  /** Guest instructions and disk blocks so far (guestIdle.ts). */
  guestActivity(): Promise<GuestActivity> {
    const emulator = this.#emulator;
    return Promise.resolve({
      instructions: this.instructionCount(),
      diskBlocks: emulator ? diskBlocksHeld(emulator) : 0,
    });
  }

  /** Guest instructions executed so far (for profiling in the benchmark). */
  instructionCount(): number {
    return this.#emulator?.get_instruction_counter() ?? 0;
  }

  #build(): VmBuild {
    if (!this.options.build) {
      throw new Error("this sandbox cannot save or restore: its VM build is not known");
    }
    return this.options.build;
  }

  /** Check a saved sandbox (build, size, checksum) before anything is thrown away. */
  async #readSaved(bytes: Uint8Array, signal?: AbortSignal): Promise<SavedSandbox> {
    const { header, frames, payload } = decodeSandboxFile(bytes);
    assertSameVmBuild(header.vm, this.#build());
    if (!header.v86Stream) {
      const raw = await decompressFrames(frames, header.rawBytes, signal);
      return { header, state: raw.buffer as ArrayBuffer };
    }
    // v86 takes an ArrayBuffer of its own: the payload is copied out of the file once.
    return { header, state: payload.slice().buffer };
  }

  async #restore(signal?: AbortSignal, saved: SavedSandbox | null = null): Promise<void> {
    const options = withChunkedDisk(v86Options(this.options.assets, { kind: "restore" }));
    if (saved) options.initial_state = { buffer: saved.state };
    const inNode = typeof process !== "undefined" && !!process.versions?.node;
    const emulator = await createEmulator(options, (cpu) => {
      // Node only: in Chromium the start got faster but the first docker run
      // after it took 107–130 s instead of 46 s (docs/performance.md).
      if (inNode) skipZeroingFreshMemory(cpu);
      packDiskState(cpu);
    });
    this.#emulator = emulator;
    // Under Node v86 already yields with setImmediate.
    if (!inNode) installSameThreadYield(emulator);
    this.#jit = installBlockCompiler(emulator);
    this.options.onEmulator?.(emulator);
    this.#listen(
      emulator,
      "download-progress",
      (p: { loaded: number; total: number; file_name: string }) =>
        this.events.emit("progress", {
          phase: "download",
          loaded: p.loaded,
          total: p.total,
          detail: p.file_name,
        }),
    );
    this.#listen(emulator, "serial0-output-byte", (byte: number) =>
      this.events.emit("console", String.fromCharCode(byte)),
    );
    this.#listen(emulator, "emulator-stopped", () => {
      if (this.status === "ready") this.#fail(new Error("the emulator stopped unexpectedly"));
    });

    this.events.emit("progress", { phase: "restore", loaded: 0, total: 1 });
    await once(emulator, "emulator-started", signal);
    assertNoGuestEgress(emulator);
    this.events.emit("progress", { phase: "connect", loaded: 0, total: 1 });
    const port = virtioPort(emulator, VM_PROFILE.controlPort);
    const control = new ControlChannel(port, saved ? { firstId: saved.header.channels.next } : {});
    this.#control = control;
    await this.#handshake(control, signal);
    if (saved) control.closeStale(saved.header.channels.open);
    // READY from the agent means the guest runs; dockerd must answer too.
    await this.docker.ping({ signal });
    this.#watchAgent(port, control);
    this.events.emit("progress", { phase: "connect", loaded: 1, total: 1 });
  }

  /**
   * Liveness of the guest: any bytes from the agent are a sign of life; a
   * silent agent is pinged, and one silent for the Heartbeat's limit fails
   * the sandbox. Only `emulator-stopped` would otherwise notice a dead guest
   * (a killed agent, an OOM, a kernel panic leave the emulator running).
   */
  #watchAgent(port: PortIO, control: ControlChannel): void {
    const heartbeat = new Heartbeat({
      ping: () => void control.ping({ timeoutMs: 12_000 }).catch(() => {}),
      dead: () => {
        if (this.status === "ready") this.#fail(new Error(STOPPED_RESPONDING));
      },
    });
    const unsubscribe = port.onReceive(() => heartbeat.heard());
    this.#heartbeat = heartbeat;
    this.#teardown.push(() => (heartbeat.stop(), unsubscribe()));
  }

  /** Say hello until the agent answers: the first frames may land before the guest's driver runs. */
  async #handshake(control: ControlChannel, signal?: AbortSignal): Promise<void> {
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 60_000);
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      try {
        await control.hello({ timeoutMs: 2_000, ...(signal ? { signal } : {}) });
        return;
      } catch (err) {
        if ((err as Error).name !== "ExecTimeoutError" || Date.now() > deadline) {
          throw new Error(
            `the guest did not answer on the control channel: ${(err as Error).message}`,
            {
              cause: err,
            },
          );
        }
      }
    }
  }

  #listen<T>(emulator: V86Like, event: string, fn: (value: T) => void): void {
    const listener = fn as (value: never) => void;
    emulator.add_listener(event, listener);
    this.#teardown.push(() => emulator.remove_listener(event, listener));
  }

  #ready(): ControlChannel {
    if (this.status !== "ready" && this.status !== "starting") {
      throw new Error(`the sandbox is not running (status: ${this.status}); call start() first`);
    }
    if (!this.#control) throw new Error("the sandbox is still starting");
    return this.#control;
  }

  #fail(err: Error): void {
    this.#heartbeat?.stop();
    this.#control?.close(err);
    this.setStatus("failed");
    this.events.emit("error", err);
  }

  async #destroyEmulator(): Promise<void> {
    this.#control?.close(new Error("the sandbox was stopped"));
    this.#control = null;
    for (const off of this.#teardown.splice(0)) off();
    const emulator = this.#emulator;
    this.#emulator = null;
    if (emulator) {
      await emulator.stop().catch(() => {});
      await emulator.destroy().catch(() => {});
    }
  }
}
