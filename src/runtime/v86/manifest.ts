import { VmAssetsMissingError } from "../Runtime.ts";
import type { AssetLocations } from "./profile.ts";
import type { VmBuild } from "../state/sandboxFile.ts";

/** One built artifact in public/vm. */
export interface ManifestFile {
  size: number;
  sha256: string;
}

/** public/vm/manifest.json, written by images/build.sh. */
export interface VmManifest {
  format: 1;
  /** sha256 over the recipe (images/, the VM profile, the v86 version). Same hash, same build. */
  recipeHash: string;
  /** The v86 build the snapshot was saved with; a state only restores into the same build. */
  v86Version: string;
  builtAt: string;
  kernel: string;
  /** Container images baked into the guest (preloaded into dockerd). */
  images: string[];
  /** The image shelf: what each baked image adds (images/shelf/buildShelf.ts). */
  shelf?: ShelfReport;
  files: Record<
    "bios.bin" | "vgabios.bin" | "vmlinuz" | "initrd" | "disk.img" | "state.bin.zst",
    ManifestFile
  >;
  /** Timings of the build's own boots (ms), for the record. */
  buildStats?: Record<string, number>;
}

/** Sizes of the image shelf, written at VM-build time. */
export interface ShelfReport {
  builtAt: string;
  images: {
    name: string;
    /** The tag preloaded into dockerd, e.g. "nginx:latest". */
    ref: string;
    /** Every tag the guest's registry mirror serves. */
    tags: string[];
    /** A command that proves the image works (`docker run --rm --entrypoint …`). */
    smoke: string[];
    /** Image ID (config digest), identical in dockerd and the mirror. */
    id: string;
    layers: number;
    /** The image's own layers (those above its base's), uncompressed: what it adds to dockerd's storage on the disk. */
    ownLayerBytes: number;
    /** The same layers gzipped: what they add to the mirror's storage on the disk. */
    ownLayerGzipBytes: number;
    /** All layers including shared ones, uncompressed. */
    totalBytes: number;
  }[];
}

export const BUILD_HINT =
  "Build them with `npm run vm:build` (root and Debian packages needed; see the README).";

/** Check a parsed manifest and turn it into asset locations under `base` (a URL or directory). */
export function assetsFromManifest(
  manifest: unknown,
  base: string,
  wasm: string,
  installedV86Version: string,
): AssetLocations {
  const m = manifest as Partial<VmManifest> | null;
  if (!m || m.format !== 1 || !m.files || !m.files["state.bin.zst"]) {
    throw new VmAssetsMissingError(
      `The VM manifest at ${base} is incomplete or from another version. ${BUILD_HINT}`,
    );
  }
  if (m.v86Version !== installedV86Version) {
    throw new VmAssetsMissingError(
      `The VM snapshot was saved with v86 ${m.v86Version} but v86 ${installedV86Version} is installed; ` +
        `a snapshot only restores into the same v86 build. ${BUILD_HINT}`,
    );
  }
  const at = (name: string) => (base.endsWith("/") ? base + name : `${base}/${name}`);
  return {
    wasm,
    bios: at("bios.bin"),
    vgaBios: at("vgabios.bin"),
    kernel: at("vmlinuz"),
    initrd: at("initrd"),
    disk: at("disk.img"),
    diskSize: m.files["disk.img"].size,
    state: at("state.bin.zst"),
  };
}

/**
 * Whether two manifests describe the same VM build: the same recipe, the same
 * v86, and files with the same names, sizes and SHA-256 (the build time may
 * differ: a mirror is a copy).
 */
export function sameVmBuild(a: unknown, b: unknown): boolean {
  const x = a as Partial<VmManifest> | null;
  const y = b as Partial<VmManifest> | null;
  if (!x?.files || !y?.files || !x.recipeHash) return false;
  if (x.recipeHash !== y.recipeHash || x.v86Version !== y.v86Version) return false;
  const names = Object.keys(x.files).sort();
  if (names.join("\n") !== Object.keys(y.files).sort().join("\n")) return false;
  return names.every((name) => {
    const f = x.files![name as keyof VmManifest["files"]];
    const g = y.files![name as keyof VmManifest["files"]];
    return !!f && !!g && f.size === g.size && f.sha256 === g.sha256;
  });
}

/** The identity a saved sandbox is bound to (see sandboxFile.ts). */
export function vmBuildOf(manifest: VmManifest): VmBuild {
  return {
    recipeHash: manifest.recipeHash,
    v86Version: manifest.v86Version,
    disk: manifest.files["disk.img"].sha256,
  };
}
