/**
 * Stage 40's second half: turn the layer tarballs into the image shelf.
 *
 *   tsx images/shelf/buildShelf.ts SHELF_JSON LAYERS_DIR ROOTFS REPORT_JSON
 *
 * LAYERS_DIR/<name>/layer.tar is each image's own layer and
 * LAYERS_DIR/<name>/packages its "package version" lines. Writes into ROOTFS:
 *   var/lib/sandbox-mirror/      the read-only registry mirror's storage
 *                                (repository library/<name>, every tag)
 *   opt/sandbox/images/shelf.tar one `docker load` archive of every image
 *                                under its preload tag (the provisioning boot
 *                                loads and deletes it)
 *   etc/sandbox/shelf.tsv        name, description, tags (for `docker search`)
 * and REPORT_JSON: bytes per image, for the manifest and `npm run bench`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import {
  buildImage,
  dockerLoadFiles,
  writeRegistryStorage,
  type BuiltImage,
  type ImageSettings,
  type Layer,
} from "./imageLayout.ts";
import { SEED_IMAGE, SEED_TSV, SEEDED_IMAGE, registrySeed } from "./registrySeed.ts";
import type { ShelfReport } from "../../src/runtime/v86/manifest.ts";

interface ShelfImage {
  name: string;
  description: string;
  smoke: string[];
  from?: string;
  packages: string[];
  versionOf?: string;
  tags: string[];
  preload: string;
  config: ImageSettings;
}

const [shelfJson, layersDir, rootfs, reportPath] = process.argv.slice(2);
if (!shelfJson || !layersDir || !rootfs || !reportPath) {
  console.error("usage: tsx images/shelf/buildShelf.ts SHELF_JSON LAYERS_DIR ROOTFS REPORT_JSON");
  process.exit(2);
}
const images = (JSON.parse(readFileSync(shelfJson, "utf8")) as { images: ShelfImage[] }).images;
const byName = new Map(images.map((i) => [i.name, i]));
const epoch = process.env.SOURCE_DATE_EPOCH;
const created = (epoch ? new Date(Number(epoch) * 1000) : new Date()).toISOString();

function fail(message: string): never {
  console.error(`buildShelf: ${message}`);
  process.exit(1);
}

/** "nginx 1.22.1-9+deb12u9" lines → Map(package → version). */
function packageVersions(name: string): Map<string, string> {
  const path = join(layersDir!, name, "packages");
  if (!existsSync(path)) return new Map();
  const lines = readFileSync(path, "utf8").split("\n").filter(Boolean);
  return new Map(lines.map((l) => l.split(" ", 2) as [string, string]));
}

/** A numeric tag must not lie about the packaged version ("7.0" needs redis 7.0.x). */
function checkTags(image: ShelfImage, versions: Map<string, string>): void {
  if (!image.versionOf) return;
  const full = versions.get(image.versionOf) ?? fail(`${image.name}: no version for ${image.versionOf}`);
  const upstream = full.replace(/^\d+:/, "");
  for (const tag of image.tags) {
    const claimed = /^\d+(\.\d+)*/.exec(tag)?.[0];
    if (!claimed) continue;
    const next = upstream.charAt(claimed.length);
    if (!upstream.startsWith(claimed) || /\d/.test(next)) {
      fail(`${image.name}:${tag} claims version ${claimed} but ${image.versionOf} is ${full}`);
    }
  }
}

/** The image's layers, bottom first, following `from`. */
function layersOf(image: ShelfImage): Layer[] {
  const below = image.from ? layersOf(byName.get(image.from) ?? fail(`${image.name}: unknown base ${image.from}`)) : [];
  const installed = image.packages.length
    ? `apt-get install --no-install-recommends ${image.packages.join(" ")} && sh configure/${image.name}.sh`
    : "debootstrap --variant=minbase bookworm (docs, man pages, locales removed)";
  const createdBy = image.name === "busybox" ? "COPY busybox-static's /bin/busybox and applet links" : installed;
  const tar = cachedTar(image.name);
  return [...below, { tar, createdBy: `/bin/sh -c #(nop) sandbox build: ${createdBy}` }];
}
const tars = new Map<string, Buffer>();
function cachedTar(name: string): Buffer {
  let tar = tars.get(name);
  if (!tar) {
    const path = join(layersDir!, name, "layer.tar");
    if (!existsSync(path)) fail(`missing layer ${path} (stage 40 did not build ${name})`);
    tar = readFileSync(path);
    tars.set(name, tar);
  }
  return tar;
}

/** The image config: the base's, overridden by the image's own settings (Env merged by key). */
function settingsOf(image: ShelfImage, labels: Record<string, string>): ImageSettings {
  const base = image.from ? settingsOf(byName.get(image.from)!, {}) : {};
  const env = new Map<string, string>();
  for (const e of [...(base.Env ?? []), ...(image.config.Env ?? [])]) env.set(e.split("=")[0]!, e);
  const merged: ImageSettings = { ...base, ...image.config, Labels: { ...base.Labels, ...labels } };
  if (env.size) merged.Env = [...env.values()];
  return merged;
}

const mirrorRoot = join(rootfs, "var/lib/sandbox-mirror");
rmSync(mirrorRoot, { recursive: true, force: true });
const built: { image: ShelfImage; built: BuiltImage }[] = [];
for (const image of images) {
  const versions = packageVersions(image.name);
  checkTags(image, versions);
  const debianPackages = [...versions].map(([p, v]) => `${p} ${v}`).join(", ");
  const labels: Record<string, string> = {
    "org.opencontainers.image.vendor": "docker-sandbox",
    "org.opencontainers.image.description": image.description,
    "sandbox.build": "true",
    "sandbox.debian-packages": debianPackages || "debootstrap --variant=minbase bookworm",
  };
  if (image.versionOf) labels["org.opencontainers.image.version"] = versions.get(image.versionOf)!;
  let layers = layersOf(image);
  if (image.name === SEEDED_IMAGE) {
    // registry:2 starts with python's layers stored (registrySeed.ts).
    const source = built.find((b) => b.image.name === SEED_IMAGE) ?? fail(`${SEEDED_IMAGE} needs ${SEED_IMAGE} built first`);
    const seed = registrySeed(source.built, created);
    layers = [...layers, seed.layer];
    mkdirSync(dirname(join(rootfs, SEED_TSV)), { recursive: true });
    writeFileSync(join(rootfs, SEED_TSV), seed.tsv);
  }
  const result = buildImage(layers, settingsOf(image, labels), created);
  writeRegistryStorage(mirrorRoot, `library/${image.name}`, image.tags, result);
  built.push({ image, built: result });
  console.log(`  ${image.name}: ${image.tags.length} tags, ${result.layers.length} layer(s), id ${result.configDigest.slice(7, 19)}`);
}

// One docker load archive; layers shared between images are stored once.
const staging = join(dirname(reportPath), "shelf-load");
rmSync(staging, { recursive: true, force: true });
for (const [path, data] of dockerLoadFiles(
  built.map(({ image, built }) => ({ image: built, repoTags: [`${image.name}:${image.preload}`] })),
)) {
  mkdirSync(dirname(join(staging, path)), { recursive: true });
  writeFileSync(join(staging, path), data);
}
const archive = join(rootfs, "opt/sandbox/images/shelf.tar");
rmSync(dirname(archive), { recursive: true, force: true });
mkdirSync(dirname(archive), { recursive: true });
execFileSync("tar", ["--numeric-owner", "--sort=name", "-C", staging, "-cf", archive, "."]);
rmSync(staging, { recursive: true, force: true });

mkdirSync(join(rootfs, "etc/sandbox"), { recursive: true });
writeFileSync(
  join(rootfs, "etc/sandbox/shelf.tsv"),
  built.map(({ image }) => `${image.name}\t${image.description}\t${image.tags.join(" ")}\n`).join(""),
);

// What each image adds on top of the layers it shares with its base.
const report: ShelfReport = {
  builtAt: created,
  images: built.map(({ image, built: b }) => {
    const below = image.from ? built.find((o) => o.image.name === image.from)!.built.layers.length : 0;
    const own = b.layers.slice(below);
    return {
      name: image.name,
      ref: `${image.name}:${image.preload}`,
      tags: image.tags,
      smoke: image.smoke,
      id: b.configDigest,
      layers: b.layers.length,
      ownLayerBytes: sum(own.map((l) => l.tar.length)),
      ownLayerGzipBytes: sum(own.map((l) => l.gz.length)),
      totalBytes: b.layers.reduce((sum, l) => sum + l.tar.length, 0),
    };
  }),
};
function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
mkdirSync(dirname(reportPath), { recursive: true });
writeFileSync(reportPath, JSON.stringify(report, null, 2) + "\n");
const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
for (const i of report.images) {
  console.log(`  ${i.ref}: own layers ${mib(i.ownLayerBytes)} (${mib(i.ownLayerGzipBytes)} gzip in the mirror)`);
}
