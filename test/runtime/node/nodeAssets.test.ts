import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeAssets } from "../../../src/runtime/node/nodeAssets.ts";
import { VmAssetsMissingError } from "../../../src/runtime/Runtime.ts";

const ROOT = resolve(import.meta.dirname, "../../..");

describe("missing or stale VM assets", () => {
  it("names the build command when public/vm is empty", () => {
    const dir = mkdtempSync(join(tmpdir(), "vm-"));
    expect(() => nodeAssets(dir)).toThrow(VmAssetsMissingError);
    expect(() => nodeAssets(dir)).toThrow(/npm run vm:build/);
  });

  it("refuses a snapshot saved by another v86 build", () => {
    const dir = mkdtempSync(join(tmpdir(), "vm-"));
    const file = { size: 1, sha256: "x" };
    writeFileSync(
      join(dir, "manifest.json"),
      JSON.stringify({
        format: 1,
        v86Version: "0.0.1",
        recipeHash: "h",
        builtAt: "",
        kernel: "",
        images: [],
        files: {
          "bios.bin": file,
          "vgabios.bin": file,
          vmlinuz: file,
          initrd: file,
          "disk.img": file,
          "state.bin.zst": file,
        },
      }),
    );
    expect(() => nodeAssets(dir)).toThrow(/saved with v86 0\.0\.1/);
  });

  it("makes `npm run vm -- exec` exit 125 with the build command when assets are missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "vm-"));
    let status = 0;
    let stderr = "";
    try {
      execFileSync("npx", ["--no-install", "tsx", "src/cli/vm.ts", "exec", "true"], {
        cwd: ROOT,
        env: { ...process.env, SANDBOX_VM_DIR: dir },
        stdio: "pipe",
      });
    } catch (err) {
      status = (err as { status: number }).status;
      stderr = String((err as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(125);
    expect(stderr).toMatch(/VM assets not found .*npm run vm:build/);
  });
});
