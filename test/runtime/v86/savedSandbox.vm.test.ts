// A saved sandbox brings back everything the learner made in Docker (images,
// containers, volumes, networks), in a new emulator, as after a reload or on
// another machine; a file from another VM build or a damaged one is refused
// before anything is restored. Real VM.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeAssets, nodeVmBuild } from "../../../src/runtime/node/nodeAssets.ts";
import { startNodeSandbox } from "../../../src/runtime/node/startNodeSandbox.ts";
import { readSandboxHeader } from "../../../src/runtime/state/sandboxFile.ts";
import { V86Runtime } from "../../../src/runtime/v86/V86Runtime.ts";
import { LEARNER_SHELL } from "../../../src/runtime/workspace.ts";
import { poll } from "./helpers.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b).trim();

describe("a saved sandbox", () => {
  let saved: Uint8Array;
  let restored: V86Runtime | undefined;

  beforeAll(async () => {
    const vm = await startNodeSandbox();
    try {
      const made = await vm.exec(
        [
          "set -e",
          "mkdir -p /tmp/ctx && cd /tmp/ctx",
          "printf 'FROM busybox\\nRUN echo kept > /kept.txt\\n' > Dockerfile",
          "docker build -q -t saved:1 . >/dev/null",
          "docker volume create notes >/dev/null",
          "docker network create lab >/dev/null",
          "docker run -d --name keeper --network lab -v notes:/notes busybox sh -c 'echo hello > /notes/n.txt; exec sleep 100000' >/dev/null",
        ].join("\n"),
      );
      // The exit code, not an empty stderr: newer Docker CLIs print notices there.
      expect(made.exitCode, text(made.stderr)).toBe(0);
      await vm.writeFile("app/Dockerfile", "FROM saved:1\n");
      // A terminal open at save time: its channel is stale in the restored guest.
      const term = await vm.openTerminal({ cols: 80, rows: 24, command: LEARNER_SHELL });
      let out = "";
      term.onData((c) => (out += new TextDecoder().decode(c)));
      await poll(async () => (out.includes("root@sandbox") ? true : undefined), 30_000);
      saved = await vm.saveState({ meta: { lesson: "build-an-image" } });
    } finally {
      await vm.dispose();
    }
  }, 600_000);

  afterAll(async () => {
    await restored?.dispose();
  });

  it("says which VM build and lesson it is from", () => {
    const header = readSandboxHeader(saved);
    expect(header.vm).toEqual(nodeVmBuild());
    expect(header.meta).toEqual({ lesson: "build-an-image" });
    expect(header.rawBytes).toBeGreaterThan(saved.length); // compressed
    // Cut where v86 reads, so v86 decompresses it itself (the restore below proves it can).
    expect(header).toMatchObject({ format: 2, v86Stream: true });
  });

  it("restores images, containers, volumes, networks and files in a new emulator", async () => {
    restored = await startNodeSandbox({ from: saved });
    const r = await restored.exec(
      [
        "docker image inspect -f '{{.Id}}' saved:1 >/dev/null && echo image",
        "docker inspect -f '{{.State.Running}}' keeper",
        "docker exec keeper cat /notes/n.txt",
        "docker network inspect -f '{{.Name}}' lab",
        "cat /workspace/app/Dockerfile",
      ].join("; "),
    );
    expect(text(r.stdout).split("\n")).toEqual(["image", "true", "hello", "lab", "FROM saved:1"]);
  }, 300_000);

  it("runs new commands and terminals, with the wall clock set to now", async () => {
    const vm = restored!;
    const r = await vm.exec("docker run --rm saved:1 cat /kept.txt; date +%s");
    const [kept, seconds] = text(r.stdout).split("\n");
    expect(kept).toBe("kept");
    expect(Math.abs(Number(seconds) - Date.now() / 1000)).toBeLessThan(120);
    const term = await vm.openTerminal({ cols: 80, rows: 24, command: LEARNER_SHELL });
    let out = "";
    term.onData((c) => (out += new TextDecoder().decode(c)));
    await poll(async () => (out.includes("root@sandbox") ? true : undefined), 30_000);
    term.write("echo $((6*7))\r");
    await poll(async () => (out.includes("42") ? true : undefined), 30_000);
    term.close();
  }, 300_000);

  it("is refused, naming both builds, by a sandbox of another VM build", async () => {
    const other = new V86Runtime({
      assets: nodeAssets(),
      build: { ...nodeVmBuild(), disk: "0".repeat(64) },
    });
    await expect(other.start({ from: saved })).rejects.toMatchObject({
      name: "SandboxFileError",
      message: expect.stringMatching(/different VM build.*disk 000000000000/),
    });
    expect(other.status).toBe("idle");
    await other.dispose();
  });

  it("is refused when damaged, and the running sandbox is kept", async () => {
    const vm = restored!;
    await expect(vm.reset({ from: saved.subarray(0, saved.length - 1000) })).rejects.toMatchObject({
      name: "SandboxFileError",
      message: expect.stringMatching(/damaged/),
    });
    expect(vm.status).toBe("ready");
    expect(text((await vm.exec("docker inspect -f '{{.State.Running}}' keeper")).stdout)).toBe(
      "true",
    );
  }, 120_000);
});
