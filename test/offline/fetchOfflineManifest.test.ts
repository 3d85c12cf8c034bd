import { describe, expect, it } from "vitest";
import { fetchOfflineManifest } from "../../src/offline/fetchOfflineManifest.ts";
import { mergeRecording } from "../../src/offline/offlineManifest.ts";

const BASE = "http://localhost/vm/";
const recorded = mergeRecording(
  null,
  { recipeHash: "abc", diskSha256: "d".repeat(64), chunkBytes: 100, diskBytes: 1000 },
  { chapter: "x", base: [1], lessons: { a: [2] } },
);
const answering = (response: Response) => {
  const asked: string[] = [];
  const fetchFn = (async (url: RequestInfo | URL) => {
    asked.push(String(url));
    return response;
  }) as typeof fetch;
  return { asked, fetchFn };
};

describe("fetchOfflineManifest", () => {
  it("reads the VM build's offline.json", async () => {
    const { asked, fetchFn } = answering(Response.json(recorded));
    expect(await fetchOfflineManifest(BASE, fetchFn)).toEqual(recorded);
    expect(asked).toEqual([`${BASE}offline.json`]);
  });

  it("is null when the build has none: a 404, or a host's index.html in its place", async () => {
    expect(
      await fetchOfflineManifest(BASE, answering(new Response("", { status: 404 })).fetchFn),
    ).toBeNull();
    const page = new Response("<!doctype html>", { headers: { "Content-Type": "text/html" } });
    expect(await fetchOfflineManifest(BASE, answering(page).fetchFn)).toBeNull();
  });

  it("says what is wrong with a server error or a file that is not a manifest", async () => {
    await expect(
      fetchOfflineManifest(BASE, answering(new Response("", { status: 500 })).fetchFn),
    ).rejects.toThrow("vm/offline.json did not load (HTTP 500)");
    await expect(
      fetchOfflineManifest(BASE, answering(Response.json({ format: 9 })).fetchFn),
    ).rejects.toThrow(/not an offline manifest: format/);
  });
});
