/**
 * Turn layer tarballs into a container image in two forms that agree byte
 * for byte, so dockerd and the guest's registry mirror see the same image:
 *
 * - the storage tree of a distribution (docker-registry 2.8) filesystem
 *   driver, written on the build host (the i386 registry binary cannot run
 *   under qemu-user there, and gzipping layers in the emulated guest is slow);
 * - a `docker load` archive with the same config JSON, so the image ID
 *   dockerd stores (the config's sha256) is the one the mirror serves, and a
 *   later `docker pull` says "up to date" instead of leaving `<none>` images.
 *
 * Layers are gzipped without names or timestamps, so digests are
 * reproducible across builds.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

export const MEDIA = {
  manifest: "application/vnd.docker.distribution.manifest.v2+json",
  config: "application/vnd.docker.container.image.v1+json",
  layer: "application/vnd.docker.image.rootfs.diff.tar.gzip",
} as const;

/** The parts of an image config a Dockerfile would set. */
export interface ImageSettings {
  Env?: string[];
  Cmd?: string[];
  Entrypoint?: string[];
  WorkingDir?: string;
  ExposedPorts?: Record<string, Record<string, never>>;
  Volumes?: Record<string, Record<string, never>>;
  Labels?: Record<string, string>;
  StopSignal?: string;
}

export interface Layer {
  /** The uncompressed layer tar. */
  tar: Buffer;
  /** One line for `docker history`, e.g. "apt-get install nginx". */
  createdBy: string;
}

export interface BuiltImage {
  config: Buffer;
  configDigest: string;
  manifest: Buffer;
  manifestDigest: string;
  layers: { tar: Buffer; gz: Buffer; diffId: string; digest: string }[];
}

export const sha256 = (data: Buffer) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

// A shared base layer is compressed once, not once per image built on it.
const compressedLayers = new WeakMap<Buffer, BuiltImage["layers"][number]>();
function compressed(tar: Buffer): BuiltImage["layers"][number] {
  let layer = compressedLayers.get(tar);
  if (!layer) {
    const gz = gzipSync(tar, { level: 9 });
    layer = { tar, gz, diffId: sha256(tar), digest: sha256(gz) };
    compressedLayers.set(tar, layer);
  }
  return layer;
}

/** Build config and manifest for `layers` (bottom first). `created` fixes timestamps for reproducibility. */
export function buildImage(layers: Layer[], settings: ImageSettings, created: string): BuiltImage {
  const built = layers.map((l) => compressed(l.tar));
  const config = Buffer.from(
    JSON.stringify({
      architecture: "386",
      os: "linux",
      created,
      config: settings,
      rootfs: { type: "layers", diff_ids: built.map((l) => l.diffId) },
      history: layers.map((l) => ({ created, created_by: l.createdBy })),
    }),
  );
  const configDigest = sha256(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: MEDIA.manifest,
      config: { mediaType: MEDIA.config, size: config.length, digest: configDigest },
      layers: built.map((l) => ({ mediaType: MEDIA.layer, size: l.gz.length, digest: l.digest })),
    }),
  );
  return { config, configDigest, manifest, manifestDigest: sha256(manifest), layers: built };
}

function put(path: string, data: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

const hex = (digest: string) => digest.slice("sha256:".length);

/**
 * Write `image` as repository `repo` (e.g. "library/nginx") with `tags` into
 * a registry's filesystem storage at `root` (its `rootdirectory`).
 */
export function writeRegistryStorage(root: string, repo: string, tags: string[], image: BuiltImage): void {
  const v2 = join(root, "docker/registry/v2");
  const blob = (digest: string, data: Buffer) =>
    put(join(v2, "blobs/sha256", hex(digest).slice(0, 2), hex(digest), "data"), data);
  const link = (path: string, digest: string) => put(join(v2, "repositories", repo, path, "link"), digest);

  blob(image.configDigest, image.config);
  link(`_layers/sha256/${hex(image.configDigest)}`, image.configDigest);
  for (const l of image.layers) {
    blob(l.digest, l.gz);
    link(`_layers/sha256/${hex(l.digest)}`, l.digest);
  }
  blob(image.manifestDigest, image.manifest);
  link(`_manifests/revisions/sha256/${hex(image.manifestDigest)}`, image.manifestDigest);
  for (const tag of tags) {
    link(`_manifests/tags/${tag}/current`, image.manifestDigest);
    link(`_manifests/tags/${tag}/index/sha256/${hex(image.manifestDigest)}`, image.manifestDigest);
  }
}

/**
 * The files of one `docker load` archive (docker save format) holding
 * `images`, to be packed with tar. Layers shared between images are stored once.
 */
export function dockerLoadFiles(images: { image: BuiltImage; repoTags: string[] }[]): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const entries = images.map(({ image, repoTags }) => {
    const configName = `${hex(image.configDigest)}.json`;
    files.set(configName, image.config);
    const layerNames = image.layers.map((l) => `${hex(l.diffId)}/layer.tar`);
    image.layers.forEach((l, i) => files.set(layerNames[i]!, l.tar));
    return { Config: configName, RepoTags: repoTags, Layers: layerNames };
  });
  files.set("manifest.json", Buffer.from(JSON.stringify(entries)));
  return files;
}
