// Integration tests on the real guest, restored from the ready snapshot in
// public/vm (built by `npm run vm:build`; `npm test` builds it when missing).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeSandbox } from "../../../src/runtime/node/startNodeSandbox.ts";
import { ExecTimeoutError } from "../../../src/runtime/Runtime.ts";
import type { V86Runtime } from "../../../src/runtime/v86/V86Runtime.ts";
import { httpGet, poll } from "./helpers.ts";

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("V86Runtime on the real VM", () => {
  let vm: V86Runtime;
  beforeAll(async () => {
    vm = await startNodeSandbox();
  });
  afterAll(async () => {
    await vm?.dispose();
  });

  it("runs `docker run --rm busybox echo hi` and returns hi with exit 0", async () => {
    const before = vm.jitCounters();
    const r = await vm.exec("docker run --rm busybox echo hi");
    expect(text(r.stderr)).toBe("");
    expect(r.exitCode).toBe(0);
    expect(text(r.stdout)).toBe("hi\n");
    // The guest's hot code went through our synchronous block compiler.
    expect(vm.jitCounters()!.blocks).toBeGreaterThan(before!.blocks);
  });

  it("counts the guest's instructions and the disk blocks it reads (guestIdle.ts)", async () => {
    const before = await vm.guestActivity();
    // Files the ready snapshot's page cache does not hold: read from the lazy disk.
    await vm.exec("cat /usr/share/zoneinfo/America/* >/dev/null 2>&1; true");
    const after = await vm.guestActivity();
    expect(after.instructions).toBeGreaterThan(before.instructions);
    expect(after.diskBlocks).toBeGreaterThan(before.diskBlocks);
  });

  it("returns a failing command's exit code and stderr", async () => {
    const r = await vm.exec("docker run --rm busybox sh -c 'echo broken >&2; exit 4'");
    expect(r.exitCode).toBe(4);
    expect(text(r.stderr)).toContain("broken");
    const missing = await vm.exec("docker image inspect no-such-image");
    expect(missing.exitCode).toBe(1);
    expect(text(missing.stderr)).toMatch(/No such (image|object)/);
  });

  it("runs in /workspace as root with the guest clock synced to the host", async () => {
    const r = await vm.exec("pwd; id -u; date +%s");
    const [pwd, uid, epoch] = text(r.stdout).trim().split("\n");
    expect(pwd).toBe("/workspace");
    expect(uid).toBe("0");
    expect(Math.abs(Number(epoch) - Date.now() / 1000)).toBeLessThan(30);
  });

  it("builds a Dockerfile from /workspace into an image the Engine API client can inspect", async () => {
    await vm.writeFile(
      "itest/Dockerfile",
      'FROM busybox\nLABEL course="docker-sandbox"\nRUN echo layer > /layer.txt\nCMD ["cat", "/layer.txt"]\n',
    );
    const build = await vm.exec("docker build -t itest:1 itest");
    expect(text(build.stderr)).toBe("");
    expect(build.exitCode).toBe(0);

    const image = await vm.docker.inspectImage("itest:1");
    const base = await vm.docker.inspectImage("busybox");
    expect(image.Config?.Cmd).toEqual(["cat", "/layer.txt"]);
    expect(image.Config?.Labels?.course).toBe("docker-sandbox");
    expect(image.RootFS.Layers?.length).toBe((base.RootFS.Layers?.length ?? 0) + 1);
    const history = await vm.docker.imageHistory("itest:1");
    expect(history.some((h) => h.CreatedBy.includes("echo layer > /layer.txt"))).toBe(true);
    expect(text((await vm.exec("docker run --rm itest:1")).stdout)).toBe("layer\n");
  });

  it("reaches a container published with -p 8080:80 through connect(8080)", async () => {
    const run = await vm.exec(
      "docker run -d --name web -p 8080:80 busybox sh -c 'mkdir -p /www && echo hello-from-httpd > /www/index.html && httpd -f -p 80 -h /www'",
    );
    expect(run.exitCode).toBe(0);
    const body = await poll(() => httpGet(vm, 8080, "/index.html"), 30_000);
    expect(body).toContain("hello-from-httpd");
    await vm.exec("docker rm -f web");
  });

  it("delivers everything a short-lived server writes before it closes", async () => {
    // The final data often travels in the same segment as FIN.
    await vm.exec(
      "(for i in 1 2 3 4 5; do busybox nc -l -p 9009 -e printf last-bytes-$i; done) >/dev/null 2>&1 &",
    );
    for (let i = 1; i <= 5; i++) {
      const got = await poll(async () => {
        const s = await vm.connect(9009, { timeoutMs: 5000 });
        const chunks: Uint8Array[] = [];
        s.onData((c) => chunks.push(c));
        await new Promise<void>((r) => s.onEnd(r));
        return chunks.map((c) => new TextDecoder().decode(c)).join("") || undefined;
      }, 20_000);
      expect(got).toBe(`last-bytes-${i}`);
    }
  });

  it("keeps the outputs of two concurrent execs apart", async () => {
    const [a, b] = await Promise.all([
      vm.exec("for i in $(seq 1 200); do echo a$i; done"),
      vm.exec("for i in $(seq 1 200); do echo b$i; done"),
    ]);
    expect(text(a.stdout)).toBe(Array.from({ length: 200 }, (_, i) => `a${i + 1}\n`).join(""));
    expect(text(b.stdout)).toBe(Array.from({ length: 200 }, (_, i) => `b${i + 1}\n`).join(""));
  });

  it("reports an exec that times out and stays usable", async () => {
    await expect(vm.exec("sleep 120", { timeoutMs: 1500 })).rejects.toBeInstanceOf(
      ExecTimeoutError,
    );
    const r = await vm.exec("pgrep -x sleep || echo no-sleep-left");
    expect(text(r.stdout)).toContain("no-sleep-left");
  });

  it("reads, writes, lists, renames and removes workspace files, binary-safe", async () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    await vm.writeFile("files/blob.bin", bytes);
    expect(await vm.readFile("files/blob.bin")).toEqual(bytes);
    await vm.renameFile("files/blob.bin", "files/moved/blob.bin");
    const listed = await vm.listFiles("files");
    expect(listed.map((e) => [e.path, e.type])).toEqual([
      ["files/moved", "dir"],
      ["files/moved/blob.bin", "file"],
    ]);
    expect(listed[1]!.size).toBe(70_000);
    await vm.removeFile("files");
    await expect(vm.readFile("files/moved/blob.bin")).rejects.toThrow(/cannot read/);
    await expect(vm.readFile("../etc/passwd")).rejects.toThrow(/invalid workspace path/);
  });

  it("answers the Engine API: ping, version, images, containers, networks, volumes", async () => {
    expect(await vm.docker.ping()).toBe("OK");
    expect((await vm.docker.version()).ApiVersion).toBe("1.41");
    const tags = (await vm.docker.listImages()).flatMap((i) => i.RepoTags ?? []);
    expect(tags).toEqual(expect.arrayContaining(["busybox:latest", "debian:bookworm-slim"]));
    expect((await vm.docker.listNetworks()).map((n) => n.Name)).toEqual(
      expect.arrayContaining(["bridge", "host", "none"]),
    );
    await vm.exec(
      "docker volume create itest-vol && docker create --name idle -v itest-vol:/data busybox",
    );
    expect((await vm.docker.listVolumes()).Volumes?.map((v) => v.Name)).toContain("itest-vol");
    const idle = await vm.docker.inspectContainer("idle");
    expect(idle.State.Status).toBe("created");
    expect(idle.Mounts[0]).toMatchObject({
      Type: "volume",
      Name: "itest-vol",
      Destination: "/data",
    });
    await vm.exec("docker rm idle && docker volume rm itest-vol");
  });

  it("reads a container's stdout and stderr logs apart through the Engine API", async () => {
    await vm.exec("docker run --name logger busybox sh -c 'echo to-out; echo to-err >&2'");
    const logs = await vm.docker.containerLogs("logger");
    expect(logs).toEqual({ stdout: "to-out\n", stderr: "to-err\n" });
    const exited = await vm.docker.inspectContainer("logger");
    expect(exited.State).toMatchObject({ Status: "exited", ExitCode: 0 });
    await vm.exec("docker rm logger");
  });

  it("changes a running container with docker update, pause and unpause (crun, the default runtime)", async () => {
    const sh = async (cmd: string) => {
      const r = await vm.exec(cmd, { timeoutMs: 120_000 });
      expect(r.exitCode, `${cmd}: ${text(r.stderr)}`).toBe(0);
      return text(r.stdout).trim();
    };
    expect(await sh("docker info --format '{{.DefaultRuntime}}'")).toBe("crun");
    await sh("docker run -d --name upd busybox sleep 600");
    // Each of these failed with plain crun 1.8.1 (sandbox-crun explains why).
    await sh("docker update --restart=always upd");
    await sh("docker update --memory 64m --pids-limit 50 upd");
    expect(
      await sh("docker inspect -f '{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.Memory}}' upd"),
    ).toBe(`always ${64 * 2 ** 20}`);
    // The limits reached the container's cgroup, not only dockerd's record.
    expect(await sh("docker exec upd cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/pids.max")).toBe(
      `${64 * 2 ** 20}\n50`,
    );
    expect(await sh("docker run --rm --memory 32m busybox cat /sys/fs/cgroup/memory.max")).toBe(
      String(32 * 2 ** 20),
    );
    await sh("docker pause upd");
    expect(await sh("docker inspect -f '{{.State.Status}}' upd")).toBe("paused");
    await sh("docker unpause upd && docker rm -f upd");
  });

  it("streams Docker events as containers start and die", async () => {
    const seen: string[] = [];
    const sub = await vm.docker.events({ filters: { type: ["container"] } }, (e) =>
      seen.push(e.Action),
    );
    await vm.exec("docker run --rm --name evt busybox true");
    await poll(async () => (seen.includes("destroy") ? true : undefined), 20_000);
    sub.close();
    expect(seen).toEqual(expect.arrayContaining(["create", "start", "die", "destroy"]));
  });

  it("opens a terminal whose tty size follows resize", async () => {
    const term = await vm.openTerminal({ cols: 91, rows: 27 });
    let out = "";
    term.onData((c) => (out += text(c)));
    term.write("stty size\r");
    await poll(async () => (out.includes("27 91") ? true : undefined), 20_000);
    term.resize(120, 40);
    term.write("stty size; echo cwd=$PWD\r");
    // Both lines: they may come in two chunks (a loaded machine split them).
    await poll(async () => (/40 120[\s\S]*cwd=\//.test(out) ? true : undefined), 20_000);
    expect(out).toContain("cwd=/workspace");
    const exited = new Promise<number>((r) => term.onExit(r));
    term.write("exit 0\r");
    expect(await exited).toBe(0);
  });

  it("reset restores the ready snapshot: files and containers made before are gone", async () => {
    await vm.writeFile("before-reset.txt", "x");
    await vm.exec("docker create --name leftover busybox");
    await vm.reset();
    const r = await vm.exec("ls /workspace; docker ps -aq | wc -l");
    expect(text(r.stdout).trim()).toBe("0");
  });
});
