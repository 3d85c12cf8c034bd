import type { Runtime } from "../runtime/Runtime.ts";
import type { SandboxSession } from "../session/SandboxSession.ts";

export interface DiskOptions {
  /** How often to look while the sandbox runs. */
  intervalMs?: number;
}

/** Below this much free space the learner is warned. */
export const DISK_LOW_BYTES = 200 * 1024 * 1024;

/**
 * The guest disk's free space, so the learner hears about a full disk before
 * a build fails with "No space left on device". Every block the guest writes
 * lives in the tab's memory, so the image gives the learner a fixed writable
 * space (1 GiB, images/guest/sbin/sandbox-provision) and the disk fills up
 * long before the tab would run out of memory; this is the warning before.
 */
export class DiskState {
  #free = $state<number | null>(null);
  #timer: ReturnType<typeof setInterval> | null = null;
  #runtime: Runtime | null = null;
  readonly #intervalMs: number;

  constructor(options: DiskOptions = {}) {
    this.#intervalMs = options.intervalMs ?? 30_000;
  }

  /** Bytes free for the learner, once known. */
  get free(): number | null {
    return this.#free;
  }

  /** What to tell the learner, or null while there is room. */
  get warning(): string | null {
    const free = this.#free;
    if (free === null || free >= DISK_LOW_BYTES) return null;
    const mb = Math.max(0, Math.floor(free / (1024 * 1024)));
    return (
      `The sandbox's disk is nearly full (${mb} MB left). Free space with ` +
      "`docker system prune` or by removing images (`docker image rm`), " +
      "or reset the sandbox; your files are kept."
    );
  }

  /** Look every `intervalMs` while the session's runtime runs. */
  attach(session: SandboxSession): void {
    this.detach();
    if (!session.runtime) return;
    this.#runtime = session.runtime;
    session.run.add(() => this.detach());
    // No look at once: the first seconds after start belong to the learner's
    // prompt and files; a disk fills up over minutes, not seconds.
    this.#timer = setInterval(() => void this.check(), this.#intervalMs);
  }

  detach(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.#runtime = null;
  }

  /** Look now (also after a build or a pull, when the disk may have filled). */
  async check(): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime) return;
    try {
      const result = await runtime.exec("df -B1 --output=avail / | tail -n 1", {
        timeoutMs: 10_000,
      });
      const free = Number(new TextDecoder().decode(result.stdout).trim());
      if (result.exitCode === 0 && Number.isFinite(free) && this.#runtime === runtime) {
        this.#free = free;
      }
    } catch {
      // A busy or restarting guest: the next look will tell.
    }
  }
}
