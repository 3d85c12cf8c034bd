import { downloadPack, type PackEnvironment } from "./downloadPack.ts";
import { parseOfflineManifest } from "./offlineManifest.ts";

/**
 * Offline after one visit, for the chapter being taken: once the sandbox is
 * up, the disk chunks the chapter's lessons read (vm/offline.json, recorded
 * from a cold page cache for this VM build) are fetched in the background, through
 * the service worker, which keeps them. Without this a visit keeps only the
 * chunks its own guest happened to read, and a guest does not run the same
 * way twice: offline, a step done again, or a sandbox restored from a save
 * (its page cache was dropped), read chunks the visit never fetched, and
 * v86 waits for them for ever. Measured in docs/offline.md.
 *
 * One chapter at a time, each once per page; what is cached already is not
 * fetched again (downloadPack). Reports each chapter kept on the console.
 */
export class ChapterKeeper {
  readonly #kept = new Set<string>();
  #queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: {
      /** Absolute URL of the VM folder (ends with /). */
      vmBase: string;
      /** The browser's APIs, or null where no service worker can keep anything. */
      env: () => PackEnvironment | null;
      /** The build's offline manifest; null when none was recorded for it. */
      loadManifest: () => Promise<unknown>;
      /**
       * Awaited before each request (one at a time): the keeping waits while
       * the learner's guest is busy. Measured in the bench's app scenario: a
       * first docker run took 188 s with the chapter fetched beside it.
       */
      whenIdle?: (signal?: AbortSignal) => Promise<void>;
      log?: (line: string) => void;
    },
  ) {}

  /** Keep `chapter`'s chunks (queued behind the ones asked for before). */
  keep(chapter: string): Promise<void> {
    if (this.#kept.has(chapter)) return this.#queue;
    this.#kept.add(chapter);
    this.#queue = this.#queue.then(() =>
      this.#keep(chapter).catch((err: unknown) => {
        this.#kept.delete(chapter); // try again when the chapter is opened again
        this.#log(`[offline] chapter ${chapter} not kept: ${(err as Error).message}`);
      }),
    );
    return this.#queue;
  }

  async #keep(chapter: string): Promise<void> {
    const env = this.options.env();
    if (!env) return;
    const data = await this.options.loadManifest();
    if (data === null) {
      this.#log(
        `[offline] chapter ${chapter} not kept: no disk list was recorded for this VM build (npm run offline:record); what the sandbox reads is kept as it reads it`,
      );
      return;
    }
    const manifest = parseOfflineManifest(data);
    const lessons = manifest.chapters[chapter];
    if (!lessons) return; // not recorded (or not the built-in course)
    let announced = false;
    const since = Date.now();
    // How long the keeping waited for an idle guest, apart from fetching.
    let waitedMs = 0;
    const whenIdle = this.options.whenIdle;
    const beforeRequest = whenIdle
      ? async (signal?: AbortSignal) => {
          const start = Date.now();
          try {
            await whenIdle(signal);
          } finally {
            waitedMs += Date.now() - start;
          }
        }
      : null;
    const result = await downloadPack({
      vmBase: this.options.vmBase,
      manifest: { ...manifest, chapters: { [chapter]: lessons } },
      env,
      persist: false,
      // Said once, when what is cached already has been counted.
      onProgress: ({ done, total }) => {
        if (announced) return;
        announced = true;
        this.#log(
          `[offline] keeping chapter ${chapter}: ${mb(total - done)} to fetch of ${mb(total)}`,
        );
      },
      ...(beforeRequest ? { parallel: 1, beforeRequest } : {}),
    });
    if (result.outOfDate) {
      this.#log(
        `[offline] chapter ${chapter} not kept: the disk list was recorded for another VM build (npm run offline:record)`,
      );
      return;
    }
    this.#log(
      `[offline] chapter ${chapter} kept for offline use (${mb(result.bytes)} with the sandbox's start, in ${seconds(Date.now() - since)} s, ${seconds(waitedMs)} s of it waiting for an idle guest)`,
    );
  }

  #log(line: string): void {
    (this.options.log ?? console.info)(line);
  }
}

function seconds(ms: number): number {
  return Math.round(ms / 1000);
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
