import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildImage } from "../../images/shelf/imageLayout.ts";
import { SEED_DIR, SEED_REPOSITORY, registrySeed } from "../../images/shelf/registrySeed.ts";

const CREATED = "2026-11-24T00:00:00Z";
const python = buildImage(
  [
    { tar: Buffer.from("debian layer tar bytes"), createdBy: "debootstrap" },
    { tar: Buffer.from("python layer tar bytes"), createdBy: "apt-get install python3" },
  ],
  { Cmd: ["python3"] },
  CREATED,
);

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** Unpack the seed layer's tar; returns the directory. */
function unpack(tar: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "seed-test-"));
  dirs.push(dir);
  writeFileSync(join(dir, "layer.tar"), tar);
  execFileSync("tar", ["-xf", join(dir, "layer.tar"), "-C", dir]);
  return dir;
}

describe("registrySeed", () => {
  it("links each of the image's layers into the repository, with the blob's data outside the volume", () => {
    const { layer } = registrySeed(python, CREATED);
    const dir = unpack(layer.tar);
    const v2 = join(dir, "var/lib/registry/docker/registry/v2");
    for (const { digest } of python.layers) {
      const hex = digest.slice(7);
      const link = join(v2, "repositories", SEED_REPOSITORY, "_layers/sha256", hex, "link");
      expect(readFileSync(link, "utf8")).toBe(digest);
      // A symlink into the seed directory: a new volume copies the link, not 50 MB.
      expect(readlinkSync(join(v2, "blobs/sha256", hex.slice(0, 2), hex, "data"))).toBe(`${SEED_DIR}/${hex}`);
    }
    // No blob bytes in the layer: the provisioning boot hard-links the mirror's.
    const listing = execFileSync("tar", ["-tvf", join(dir, "layer.tar")], { encoding: "utf8" });
    expect(listing).not.toMatch(/^-.*opt\/sandbox\/registry-seed\/./m);
    expect(listing).not.toMatch(/_manifests/); // no tags: nothing to pull by name
  });

  it("lists diffid, digest and repository per layer for the provisioning boot", () => {
    const { tsv } = registrySeed(python, CREATED);
    expect(tsv).toBe(python.layers.map((l) => `${l.diffId} ${l.digest} ${SEED_REPOSITORY}\n`).join(""));
  });

  it("makes the same layer from the same image (reproducible digests)", () => {
    expect(registrySeed(python, CREATED).layer.tar.equals(registrySeed(python, CREATED).layer.tar)).toBe(true);
  });
});
