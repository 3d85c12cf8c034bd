import { describe, expect, it } from "vitest";
import { sameVmBuild } from "../../../src/runtime/v86/manifest.ts";

const manifest = (over: Record<string, unknown> = {}, state = "aa") => ({
  format: 1,
  recipeHash: "c5a43061913824b2",
  v86Version: "0.5.462",
  builtAt: "2026-12-05T18:03:39.656Z",
  files: {
    "disk.img": { size: 4, sha256: "dd" },
    "state.bin.zst": { size: 3, sha256: state },
  },
  ...over,
});

describe("sameVmBuild: a ?vm= mirror must be this app's own VM build", () => {
  it("accepts a copy (the build time may differ)", () => {
    expect(sameVmBuild(manifest(), manifest({ builtAt: "2027-01-01T00:00:00Z" }))).toBe(true);
  });
  it("refuses another recipe, another v86, or a file with other bytes", () => {
    expect(sameVmBuild(manifest(), manifest({ recipeHash: "ffff" }))).toBe(false);
    expect(sameVmBuild(manifest(), manifest({ v86Version: "0.5.1" }))).toBe(false);
    expect(sameVmBuild(manifest(), manifest({}, "bb"))).toBe(false);
    expect(
      sameVmBuild(manifest(), { ...manifest(), files: { "disk.img": { size: 4, sha256: "dd" } } }),
    ).toBe(false);
  });
  it("refuses what is not a manifest", () => {
    expect(sameVmBuild(manifest(), null)).toBe(false);
    expect(sameVmBuild(null, manifest())).toBe(false);
  });
});
