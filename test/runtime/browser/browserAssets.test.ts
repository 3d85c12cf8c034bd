import { afterEach, describe, expect, it, vi } from "vitest";
import v86Pkg from "v86/package.json";
import { browserAssets } from "../../../src/runtime/browser/browserAssets.ts";

const manifest = (recipeHash: string, stateSha = "aa") => ({
  format: 1,
  recipeHash,
  v86Version: v86Pkg.version,
  builtAt: "2026-12-05T00:00:00Z",
  kernel: "6.1",
  images: [],
  files: {
    "disk.img": { size: 4, sha256: "dd" },
    "state.bin.zst": { size: 3, sha256: stateSha },
  },
});

/** A web of static hosts: URL prefix → manifest.json. */
function serve(manifests: Record<string, unknown>) {
  vi.stubGlobal("location", { href: "https://app.example/" });
  vi.stubGlobal("fetch", async (url: URL | string) => {
    const href = String(url);
    const base = Object.keys(manifests).find((b) => href === `${b}manifest.json`);
    return base
      ? new Response(JSON.stringify(manifests[base]))
      : new Response("not found", { status: 404 });
  });
}

afterEach(() => vi.unstubAllGlobals());

describe("browserAssets with ?vm= (a VM from a link)", () => {
  const own = "https://app.example/vm/";
  const mirror = "https://cdn.example/vm/";

  it("uses a mirror of the app's own VM build", async () => {
    serve({ [own]: manifest("r1"), [mirror]: manifest("r1") });
    const assets = await browserAssets(mirror, own);
    expect(assets.state).toBe(`${mirror}state.bin.zst`);
  });

  it("refuses another build, saying what to do", async () => {
    serve({ [own]: manifest("r1"), [mirror]: manifest("r1", "evil") });
    await expect(browserAssets(mirror, own)).rejects.toMatchObject({
      name: "VmRefusedError",
      message: expect.stringMatching(/does not accept.*file hashes differ.*without \?vm=/),
    });
  });

  it("refuses when the app has no VM of its own to compare with", async () => {
    serve({ [mirror]: manifest("r1") });
    await expect(browserAssets(mirror, own)).rejects.toThrow(/no manifest of this app's own VM/);
  });

  it("still says a missing VM is not built", async () => {
    serve({ [own]: manifest("r1") });
    await expect(browserAssets(mirror, own)).rejects.toThrow(/not built/);
  });
});
