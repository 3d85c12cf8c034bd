/**
 * The shelf's registry:2 starts with python:3-slim's layers already stored,
 * so `docker push localhost:5000/<an image built FROM python>` says "Mounted
 * from library/python" for the base layers instead of compressing 150 MB in
 * the emulated guest: that push took 10 minutes in the lessons' self-test
 * (friendlyhello-share, 2026-12-07), and as long for a learner.
 *
 * Three parts, each as on a real host that pushed python before:
 *
 * 1. The registry image gets one more layer (this module), under
 *    /var/lib/registry, its VOLUME: each layer's `_layers` link in
 *    repository library/python, and each blob's `data` as a symlink to
 *    SEED_DIR. Docker copies a new volume's contents from the image, so a
 *    learner's `docker run -d -p 5000:5000 registry:2` starts with them;
 *    the copy is small because the blobs stay outside the volume.
 * 2. The provisioning boot (images/guest/sbin/sandbox-provision) hard-links
 *    the mirror's blob files into SEED_DIR in that layer's directory: the
 *    same bytes, so the disk holds them once. The layer's tar (tar-split,
 *    which `docker save` and `docker push` replay) does not list them: a
 *    saved or re-pulled registry:2 has dangling links, and its pushes upload
 *    every layer, as any registry's would.
 * 3. The same boot writes dockerd's distribution metadata (which digest each
 *    layer has in which repository: SEED_TSV), which dockerd also writes
 *    after a pull or push. That is what makes dockerd ask the registry to
 *    mount a layer instead of uploading it.
 *
 * The registry's `_catalog` lists library/python (a repository with layers
 * but no tags); lessons that show the catalog say why.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { BuiltImage, Layer } from "./imageLayout.ts";

/** The shelf image whose layers the registry holds, and under which repository. */
export const SEED_IMAGE = "python";
export const SEED_REPOSITORY = "library/python";
/** The registry image that carries the seed. */
export const SEEDED_IMAGE = "registry";
/** Inside the registry image: where the blobs' bytes are (absolute in a container). */
export const SEED_DIR = "/opt/sandbox/registry-seed";
/** In the guest's root: "diffid digest repository" per seeded layer, for the provisioning boot. */
export const SEED_TSV = "etc/sandbox/registry-seed.tsv";

const STORAGE = "var/lib/registry/docker/registry/v2";
const hex = (digest: string) => digest.slice("sha256:".length);

/** The registry image's extra layer holding `source`'s layers (see above), and the TSV. */
export function registrySeed(source: BuiltImage, created: string): { layer: Layer; tsv: string } {
  const root = mkdtempSync(join(tmpdir(), "registry-seed-"));
  try {
    const put = (path: string, text: string) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    mkdirSync(join(root, SEED_DIR), { recursive: true });
    for (const { digest } of source.layers) {
      put(`${STORAGE}/repositories/${SEED_REPOSITORY}/_layers/sha256/${hex(digest)}/link`, digest);
      const data = join(root, STORAGE, "blobs/sha256", hex(digest).slice(0, 2), hex(digest), "data");
      mkdirSync(dirname(data), { recursive: true });
      symlinkSync(`${SEED_DIR}/${hex(digest)}`, data);
    }
    // Fixed owners, order and times: the layer's digest depends only on its content.
    const tar = execFileSync(
      "tar",
      ["--numeric-owner", "--owner=0", "--group=0", "--sort=name", `--mtime=${created}`, "-C", root, "-cf", "-", "."],
      { maxBuffer: 64 * 2 ** 20 },
    );
    const tsv = source.layers.map((l) => `${l.diffId} ${l.digest} ${SEED_REPOSITORY}\n`).join("");
    return {
      layer: {
        tar,
        createdBy: `/bin/sh -c #(nop) sandbox build: ${SEED_REPOSITORY}'s layers in /var/lib/registry (blobs in ${SEED_DIR}), so pushes of images built on ${SEED_IMAGE} mount them`,
      },
      tsv,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
