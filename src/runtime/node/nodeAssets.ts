import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { VmAssetsMissingError } from "../Runtime.ts";
import { BUILD_HINT, assetsFromManifest, vmBuildOf, type VmManifest } from "../v86/manifest.ts";
import type { VmBuild } from "../state/sandboxFile.ts";
import type { AssetLocations } from "../v86/profile.ts";

const require = createRequire(import.meta.url);

/** Repository root (this file is src/runtime/node/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Where the built VM lives: $SANDBOX_VM_DIR or public/vm. */
export function vmDir(): string {
  return process.env.SANDBOX_VM_DIR ?? join(REPO_ROOT, "public", "vm");
}

/** v86's package directory and its version string (the snapshot is bound to it). */
export function v86Package(): { dir: string; version: string } {
  const pkgPath = require.resolve("v86/package.json");
  return {
    dir: dirname(pkgPath),
    version: (JSON.parse(readFileSync(pkgPath, "utf8")) as { version: string }).version,
  };
}

export function readManifest(dir = vmDir()): VmManifest {
  const path = join(dir, "manifest.json");
  if (!existsSync(path))
    throw new VmAssetsMissingError(`VM assets not found (no ${path}). ${BUILD_HINT}`);
  return JSON.parse(readFileSync(path, "utf8")) as VmManifest;
}

/** Asset file paths for a Node runtime, after checking the manifest matches this checkout. */
export function nodeAssets(dir = vmDir()): AssetLocations {
  const v86 = v86Package();
  const assets = assetsFromManifest(
    readManifest(dir),
    dir,
    join(v86.dir, "build", "v86.wasm"),
    v86.version,
  );
  for (const file of [assets.state!, assets.disk, assets.kernel]) {
    if (!existsSync(file))
      throw new VmAssetsMissingError(`VM asset missing: ${file}. ${BUILD_HINT}`);
  }
  return assets;
}

/** The build identity of the VM in `dir` (saved sandboxes are bound to it). */
export function nodeVmBuild(dir = vmDir()): VmBuild {
  return vmBuildOf(readManifest(dir));
}

/** Asset paths for the image build's own boots (no snapshot yet, no manifest yet). */
export function buildAssets(outDir: string): AssetLocations {
  const v86 = v86Package();
  const disk = join(outDir, "disk.img");
  return {
    wasm: join(v86.dir, "build", "v86.wasm"),
    bios: join(outDir, "bios.bin"),
    vgaBios: join(outDir, "vgabios.bin"),
    kernel: join(outDir, "vmlinuz"),
    initrd: join(outDir, "initrd"),
    disk,
    diskSize: statSync(disk).size,
  };
}
