/**
 * Write OUT/manifest.json: every artifact with size and sha256, the v86
 * version the snapshot is bound to, the recipe hash and the build time.
 * Usage: tsx images/write-manifest.ts OUT RECIPE_HASH KERNEL_VERSION
 */
import { createHash } from "node:crypto";
import { createReadStream, existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { v86Package } from "../src/runtime/node/nodeAssets.ts";
import type { ShelfReport, VmManifest } from "../src/runtime/v86/manifest.ts";

const [out, recipeHash, kernel] = process.argv.slice(2);
if (!out || !recipeHash || !kernel) throw new Error("usage: write-manifest.ts OUT RECIPE_HASH KERNEL_VERSION");

async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

const names = ["bios.bin", "vgabios.bin", "vmlinuz", "initrd", "disk.img", "state.bin.zst"] as const;
const files = {} as VmManifest["files"];
for (const name of names) {
  const path = join(out, name);
  files[name] = { size: statSync(path).size, sha256: await sha256(path) };
}
const statsPath = join(out, "boot-stats.json");
const shelfPath = join(out, "shelf.json");
const shelf = existsSync(shelfPath) ? (JSON.parse(readFileSync(shelfPath, "utf8")) as ShelfReport) : undefined;
const manifest: VmManifest = {
  format: 1,
  recipeHash,
  v86Version: v86Package().version,
  builtAt: new Date().toISOString(),
  kernel,
  images: shelf?.images.map((i) => i.ref) ?? [],
  ...(shelf ? { shelf } : {}),
  files,
  ...(existsSync(statsPath) ? { buildStats: JSON.parse(readFileSync(statsPath, "utf8")) as Record<string, number> } : {}),
};
writeFileSync(join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
console.log(`manifest: ${Object.entries(files).map(([n, f]) => `${n} ${(f.size / 2 ** 20).toFixed(1)} MiB`).join(", ")}`);
