// Set-up shared by `npm start` and `npm test` on a fresh Debian machine:
// npm packages, Debian packages for the VM build (as root), and the VM assets
// (public/vm), rebuilt only when the recipe changed. No dependencies: this runs
// before node_modules exists.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", ...options });
  return r.status ?? 1;
}

function must(cmd, args, what) {
  if (run(cmd, args) !== 0) {
    console.error(`\nset-up failed: ${what}`);
    process.exit(1);
  }
}

/**
 * Firefox (Debian's ESR) for the browser tests and the bench: the sandbox must
 * work in Firefox as well as Chromium. Optional: without it, the Firefox runs
 * are skipped and say so.
 */
function installFirefox() {
  const installed = () =>
    spawnSync("dpkg-query", ["-W", "-f=${Status}", "firefox-esr"], {
      encoding: "utf8",
    }).stdout?.includes("ok installed");
  if (installed()) return;
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () =>
    run("apt-get", ["install", "-y", "-q", "--no-install-recommends", "firefox-esr"], {
      env,
      stdio: "ignore",
    });
  if (install() !== 0) {
    run("apt-get", ["update", "-q"], { env, stdio: "ignore" });
    if (install() !== 0)
      console.warn("warning: could not install firefox-esr; the Firefox runs are skipped");
  }
}

/** npm packages, installed from the lockfile unless they are there already. */
export function ensureNodeModules() {
  if (!existsSync(join(ROOT, "node_modules", ".package-lock.json"))) {
    must("npm", ["ci", "--no-audit", "--no-fund"], "npm ci (is the npm registry reachable?)");
  }
}

export function setup({ browser = false } = {}) {
  ensureNodeModules();
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    const env = { ...process.env, SANDBOX_SKIP_BROWSER: browser ? "0" : "1" };
    if (run("bash", ["images/install-host-deps.sh"], { env }) !== 0) {
      console.error("\nset-up failed: installing Debian packages (see the message above)");
      process.exit(1);
    }
    if (browser) installFirefox();
  }
  // Skips itself when public/vm matches the recipe or a cached build exists.
  if (run("bash", ["images/build.sh"]) !== 0) {
    console.error(
      isRoot
        ? "\nset-up failed: building the VM (see the message above)"
        : "\nset-up failed: the VM assets are missing or stale and building them needs root: sudo npm run vm:build",
    );
    process.exit(1);
  }
}
