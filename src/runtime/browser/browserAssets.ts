import wasmUrl from "v86/build/v86.wasm?url";
import v86Pkg from "v86/package.json";
import { VmAssetsMissingError } from "../Runtime.ts";
import { BUILD_HINT, assetsFromManifest } from "../v86/manifest.ts";
import type { AssetLocations } from "../v86/profile.ts";

/**
 * Asset URLs for a runtime in the browser: reads `<base>manifest.json` and
 * checks it was built for the v86 bundled with this app. `base` is absolute:
 * inside a worker, relative URLs would resolve against the worker's script.
 */
export async function browserAssets(base: string): Promise<AssetLocations> {
  let response: Response;
  try {
    response = await fetch(new URL("manifest.json", base), { cache: "no-cache" });
  } catch (err) {
    throw new VmAssetsMissingError(
      `Cannot load the VM manifest from ${base}: ${(err as Error).message}`,
    );
  }
  if (!response.ok) {
    throw new VmAssetsMissingError(
      `The sandbox VM is not built (${base}manifest.json: HTTP ${response.status}). ${BUILD_HINT}`,
    );
  }
  // Static hosts with an SPA fallback answer 200 with index.html for a missing file.
  const manifest: unknown = await response.json().catch(() => null);
  if (!manifest) {
    throw new VmAssetsMissingError(
      `The sandbox VM is not built (${base}manifest.json is not a VM manifest). ${BUILD_HINT}`,
    );
  }
  return assetsFromManifest(
    manifest,
    base,
    new URL(wasmUrl, globalThis.location.href).href,
    v86Pkg.version,
  );
}
