import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { packCommand, tarSizeAtLeast } from "../../src/state/workspace/WorkspaceKeeper.svelte.ts";

/** Run the guest's pack command with this machine's sh and GNU tar, on `dir` instead of /workspace. */
function pack(dir: string, limit: number) {
  const r = spawnSync("sh", ["-c", packCommand(limit).replaceAll("/workspace", dir)]);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true })));

function workspace(files: Record<string, number>): string {
  const dir = mkdtempSync(join(tmpdir(), "pack-"));
  made.push(dir);
  for (const [name, size] of Object.entries(files))
    writeFileSync(join(dir, name), "x".repeat(size));
  return dir;
}

describe("the capped workspace pack", () => {
  it("stops one byte past the limit instead of streaming the whole workspace", () => {
    const r = pack(workspace({ "big.bin": 200_000 }), 4096);
    expect(r.stdout.length).toBe(4097);
  });

  it("prints the whole tar under the limit, with tar's status", () => {
    const r = pack(workspace({ Dockerfile: 20 }), 1 << 20);
    expect(r.status).toBe(0);
    expect(r.stdout.length % 10240).toBe(0);
    expect(r.stdout.subarray(0, 2).toString()).toBe("./");
  });

  it("fails with tar's status when tar fails", () => {
    const r = pack(join(tmpdir(), "no-such-workspace-dir"), 1 << 20);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no-such-workspace-dir/);
  });

  it("estimates no more than tar prints", () => {
    const sizes = { a: 0, b: 1, c: 511, d: 512, e: 513, f: 100_000 };
    const r = pack(workspace(sizes), 1 << 20);
    const entries = Object.entries(sizes).map(([path, size]) => ({
      path,
      size,
      type: "file" as const,
      mtimeMs: 0,
    }));
    expect(tarSizeAtLeast(entries)).toBeLessThanOrEqual(r.stdout.length);
    expect(tarSizeAtLeast(entries)).toBeGreaterThan(r.stdout.length - 10240 - 512);
  });
});
