/**
 * What made a receipt: this app's version and the VM build it ran, so an
 * instructor can tell receipts from different deployments apart.
 */
import { version } from "../../package.json";
import type { Receipt } from "./receiptSchema.ts";

/**
 * The app's version and the VM's recipe hash, read from the VM manifest
 * deployed next to the page (`vm/manifest.json`); `vm` is null when it
 * cannot be read (the receipt is still made).
 */
export async function appBuild(
  pageUrl: string,
  fetcher: typeof fetch = fetch,
): Promise<Receipt["build"]> {
  let vm: string | null = null;
  try {
    const response = await fetcher(new URL("vm/manifest.json", pageUrl), { credentials: "omit" });
    const manifest = (await response.json()) as { recipeHash?: unknown };
    if (typeof manifest.recipeHash === "string") vm = manifest.recipeHash.slice(0, 100);
  } catch {
    // No VM manifest (a broken deployment): the receipt says "unknown".
  }
  return { app: version, vm };
}
