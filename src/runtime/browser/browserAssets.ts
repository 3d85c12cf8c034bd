import wasmUrl from "v86/build/v86.wasm?url";
import v86Pkg from "v86/package.json";
import { VmAssetsMissingError, VmRefusedError } from "../Runtime.ts";
import {
  BUILD_HINT,
  assetsFromManifest,
  sameVmBuild,
  vmBuildOf,
  type VmManifest,
} from "../v86/manifest.ts";
import type { VmBuild } from "../state/sandboxFile.ts";
import type { AssetLocations } from "../v86/profile.ts";

/**
 * Asset URLs for a runtime in the browser: reads `<base>manifest.json` and
 * checks it was built for the v86 bundled with this app. `base` is absolute:
 * inside a worker, relative URLs would resolve against the worker's script.
 * `pinTo`: the app's own VM folder, when `base` comes from a link (`?vm=`).
 */
export async function browserAssets(base: string, pinTo?: string): Promise<AssetLocations> {
  return (await browserVm(base, pinTo)).assets;
}

/** {@link browserAssets}, and the VM build they are (saved sandboxes are bound to it). */
export async function browserVm(
  base: string,
  pinTo?: string,
): Promise<{ assets: AssetLocations; build: VmBuild }> {
  let response: Response;
  try {
    response = await fetch(new URL("manifest.json", base), {
      cache: "no-cache",
      credentials: "omit",
    });
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
  if (pinTo && pinTo !== base) await refuseForeignVm(manifest, base, pinTo);
  const assets = assetsFromManifest(
    manifest,
    base,
    new URL(wasmUrl, globalThis.location.href).href,
    v86Pkg.version,
  );
  return { assets, build: vmBuildOf(manifest as VmManifest) };
}

/**
 * `?vm=<url>` points the app at VM assets hosted elsewhere (a CDN, a mirror).
 * A VM from a link is untrusted: a snapshot chosen by someone else would be
 * restored inside the app's own worker. So a mirror is accepted only when the
 * manifest this worker loads from it describes the app's own VM build (the
 * manifest deployed next to the app): same recipe, v86 and file hashes.
 */
async function refuseForeignVm(mirror: unknown, base: string, ownBase: string): Promise<void> {
  const refuse = (why: string) =>
    new VmRefusedError(
      `This link asks for the sandbox VM at ${base}, which this app does not accept: ${why}. ` +
        "Open the page without ?vm= to use this site's own VM.",
    );
  let own: unknown;
  try {
    const response = await fetch(new URL("manifest.json", ownBase), {
      cache: "no-cache",
      credentials: "omit",
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    own = await response.json();
  } catch (err) {
    throw refuse(
      `there is no manifest of this app's own VM to compare with (${(err as Error).message})`,
    );
  }
  if (!sameVmBuild(own, mirror)) {
    throw refuse(
      "its manifest is not this app's VM build (recipe, v86 version or file hashes differ)",
    );
  }
}
