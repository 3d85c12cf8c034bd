import { describe, expect, it } from "vitest";
import { ChapterKeeper } from "../../src/offline/ChapterKeeper.ts";
import { mergeRecording } from "../../src/offline/offlineManifest.ts";
import { BASE, CHUNK, DISK_SHA256, fakeBrowser } from "./fakePackBrowser.ts";

const vm = { recipeHash: "abc", diskSha256: DISK_SHA256, chunkBytes: CHUNK, diskBytes: 100_000 };
const manifest = mergeRecording(
  mergeRecording(null, vm, { chapter: "basics", base: [0], lessons: { a: [5, 6], b: [9] } }),
  vm,
  { chapter: "images", base: [0], lessons: { c: [50] } },
);

function keeper(
  env: ReturnType<typeof fakeBrowser>["env"] | null,
  lines: string[],
  recorded: unknown = manifest,
) {
  return new ChapterKeeper({
    vmBase: BASE,
    env: () => env,
    loadManifest: async () => recorded,
    log: (line) => lines.push(line),
  });
}

describe("keeping the chapter being taken offline", () => {
  it("fetches the start and every chunk the chapter's lessons read, once, and says so", async () => {
    const { env, requests, stored } = fakeBrowser();
    const lines: string[] = [];
    const keep = keeper(env, lines);
    await keep.keep("basics");
    await keep.keep("basics");
    expect([5, 6, 9, 0].every((c) => stored.has(`${BASE}disk.img?chunk=${c}`))).toBe(true);
    expect(stored.has(`${BASE}disk.img?chunk=50`)).toBe(false); // another chapter
    expect(requests.filter((r) => r.startsWith("disk.img"))).toHaveLength(3); // 0, 5-6, 9
    expect(lines).toEqual([
      "[offline] keeping chapter basics: 0.0 MB to fetch of 0.0 MB",
      expect.stringMatching(
        /^\[offline\] chapter basics kept for offline use \(0\.0 MB with the sandbox's start, in \d+ s, \d+ s of it waiting for an idle guest\)$/,
      ),
    ]);
  });

  it("does nothing for a chapter not recorded, or without a service worker", async () => {
    const { env, requests } = fakeBrowser();
    const lines: string[] = [];
    await keeper(env, lines).keep("someone-elses-course");
    await keeper(null, lines).keep("basics");
    expect(requests).toEqual([]);
    expect(lines).toEqual([]);
  });

  it("fetches no chunk, and says why, without a recording for this VM build", async () => {
    const { env, requests } = fakeBrowser();
    const lines: string[] = [];
    await keeper(env, lines, null).keep("basics");
    await keeper(env, lines, { ...manifest, diskSha256: "e".repeat(64) }).keep("basics");
    expect(requests.filter((r) => r.startsWith("disk.img"))).toEqual([]);
    expect(lines.filter((l) => l.includes("not kept"))).toEqual([
      expect.stringMatching(
        /^\[offline\] chapter basics not kept: no disk list was recorded for this VM build/,
      ),
      expect.stringMatching(
        /^\[offline\] chapter basics not kept: the disk list was recorded for another VM build/,
      ),
    ]);
  });

  it("asks for an idle guest before each request, one request at a time", async () => {
    const { env, requests } = fakeBrowser();
    const log: string[] = [];
    let waits = 0;
    const keep = new ChapterKeeper({
      vmBase: BASE,
      env: () => env,
      loadManifest: async () => manifest,
      whenIdle: async () => {
        waits++;
        log.push(`idle ${requests.length}`);
        await new Promise((r) => setTimeout(r, 1));
        // Nothing is fetched while the keeper waits for the guest.
        log.push(`go ${requests.length}`);
      },
      log: () => {},
    });
    await keep.keep("basics");
    expect(waits).toBe(requests.length);
    // One at a time: every wait starts after the request before it was made.
    expect(log).toEqual(requests.flatMap((_, i) => [`idle ${i}`, `go ${i}`]));
  });

  it("reports a failure and tries again when the chapter is opened again", async () => {
    const network = fakeBrowser({ failAfter: 1 });
    const lines: string[] = [];
    const keep = keeper(network.env, lines);
    await keep.keep("images");
    const failures = () => lines.filter((l) => l.includes("not kept"));
    expect(failures()[0]).toMatch(/^\[offline\] chapter images not kept: /);
    await keep.keep("images");
    expect(failures()).toHaveLength(2);
  });
});
