import { describe, expect, it } from "vitest";
import { downloadPack } from "../../src/offline/downloadPack.ts";
import { mergeRecording, type OfflineManifest } from "../../src/offline/offlineManifest.ts";
import { BASE, CHUNK, DISK_SHA256, fakeBrowser } from "./fakePackBrowser.ts";

const manifest: OfflineManifest = mergeRecording(
  null,
  { recipeHash: "abc", diskSha256: DISK_SHA256, chunkBytes: CHUNK, diskBytes: 100_000 },
  { chapter: "x", base: [0, 1], lessons: { a: [2, 3, 10, 40] } },
);

describe("downloadPack", () => {
  it("fetches the start files and the manifest's chunks in runs, reporting bytes", async () => {
    const { env, requests } = fakeBrowser();
    const seen: number[] = [];
    const result = await downloadPack({
      vmBase: BASE,
      manifest,
      env,
      onProgress: (p) => seen.push(p.done),
    });
    expect(result).toEqual({ bytes: 330 + 6 * CHUNK, outOfDate: false, persisted: true });
    expect(requests.sort()).toEqual(
      [
        "bios.bin",
        "vgabios.bin",
        "state.bin.zst",
        "disk.img bytes=0-399",
        "disk.img bytes=1000-1099",
        "disk.img bytes=4000-4099",
      ].sort(),
    );
    expect(seen.at(-1)).toBe(930);
  });

  it("resumes: what is cached is counted, not fetched again", async () => {
    const network = { failAfter: 2 as number | undefined };
    const { env, requests } = fakeBrowser(network);
    await expect(downloadPack({ vmBase: BASE, manifest, env })).rejects.toThrow("Failed to fetch");
    const kept = requests.slice(0, 2);
    network.failAfter = undefined;
    requests.length = 0;
    const result = await downloadPack({ vmBase: BASE, manifest, env });
    expect(result.bytes).toBe(930);
    expect(requests).toHaveLength(6 - kept.length);
    expect(requests.some((r) => kept.includes(r))).toBe(false);
  });

  it.each([
    ["another recipe", { ...manifest, recipeHash: "old" }],
    ["another disk of the same recipe", { ...manifest, diskSha256: "e".repeat(64) }],
    ["no recording for this build", null],
  ])("fetches no chunk and says the pack is out of date for %s", async (_what, recorded) => {
    const { env, requests } = fakeBrowser();
    const result = await downloadPack({ vmBase: BASE, manifest: recorded, env });
    expect(result.outOfDate).toBe(true);
    expect(result.bytes).toBe(330);
    expect(requests.filter((r) => r.startsWith("disk.img"))).toEqual([]);
  });

  it("stops with a clear message when the browser's storage is too small", async () => {
    const { env, requests } = fakeBrowser({ quota: 500 });
    await expect(downloadPack({ vmBase: BASE, manifest, env })).rejects.toThrow(
      /Not enough browser storage: this needs 1 MB more/,
    );
    expect(requests).toEqual([]);
  });

  it("stops when cancelled", async () => {
    const { env } = fakeBrowser();
    const abort = new AbortController();
    abort.abort(new DOMException("cancelled", "AbortError"));
    await expect(
      downloadPack({ vmBase: BASE, manifest, env, signal: abort.signal }),
    ).rejects.toThrow("cancelled");
  });
});
