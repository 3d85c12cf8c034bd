import { describe, expect, it } from "vitest";
import { FakeRuntime } from "../../../src/runtime/fake/FakeRuntime.ts";
import { DockerApiError } from "../../../src/runtime/docker/DockerClient.ts";
import { FILE_COMMANDS } from "../../../src/runtime/workspace.ts";

const ok = () => ({ exitCode: 0, stdout: new Uint8Array(), stderr: new Uint8Array() });

describe("FakeRuntime", () => {
  it("serves recorded Engine API responses through the real Docker client", async () => {
    const rt = new FakeRuntime({
      docker: ({ path }) =>
        path.endsWith("/images/busybox/json")
          ? {
              status: 200,
              json: {
                Id: "sha256:abc",
                RepoTags: ["busybox:latest"],
                Config: { Cmd: ["sh"] },
                RootFS: { Type: "layers", Layers: ["sha256:1"] },
              },
            }
          : { status: 404, json: { message: `No such image: ${path}` } },
    });
    await rt.start();
    expect((await rt.docker.inspectImage("busybox")).Config?.Cmd).toEqual(["sh"]);
    await expect(rt.docker.inspectImage("nope")).rejects.toBeInstanceOf(DockerApiError);
  });

  it("keeps workspace files in memory with the same path rules as the VM", async () => {
    const rt = new FakeRuntime({ files: { "app/main.py": "print(1)" } });
    await rt.writeFile("Dockerfile", "FROM busybox\n");
    await rt.renameFile("app", "src");
    expect((await rt.listFiles()).map((e) => e.path)).toEqual(["Dockerfile", "src", "src/main.py"]);
    expect(new TextDecoder().decode(await rt.readFile("src/main.py"))).toBe("print(1)");
    await expect(rt.readFile("../x")).rejects.toThrow(/invalid workspace path/);
  });

  it("serves files through the guest's file commands, so they pass the real derived layer", async () => {
    const seen: string[] = [];
    const rt = new FakeRuntime({ files: { a: "1" }, exec: (cmd) => (seen.push(cmd), ok()) });
    expect(new TextDecoder().decode(await rt.readFile("a"))).toBe("1");
    expect(rt.execCalls.map((c) => c.command)).toEqual([FILE_COMMANDS.read]);
    expect(seen).toEqual([]); // the test's own exec never sees them
  });

  it("fails like the guest: a missing file, a missing folder, a move of nothing", async () => {
    const rt = new FakeRuntime({ files: { "app/main.py": "" } });
    await expect(rt.readFile("nope")).rejects.toThrow(
      "cannot read nope: cat: /workspace/nope: No such file or directory",
    );
    await expect(rt.readFile("app")).rejects.toThrow(/Is a directory/);
    await expect(rt.listFiles("gone")).rejects.toThrow(/cannot list gone: .*can't cd/);
    await expect(rt.renameFile("gone", "x")).rejects.toThrow(/cannot rename gone to x: mv/);
    await rt.removeFile("gone"); // rm -rf: nothing to do is fine
  });

  it("moves into an existing folder and gives every write a new mtime", async () => {
    const rt = new FakeRuntime({ files: { "a.txt": "1", "dir/b.txt": "2" } });
    await rt.renameFile("a.txt", "dir");
    await rt.writeFile("dir/b.txt", "3");
    const first = (await rt.listFiles("dir")).map((e) => [e.path, e.mtimeMs]);
    await rt.writeFile("dir/b.txt", "4");
    const second = (await rt.listFiles("dir")).map((e) => [e.path, e.mtimeMs]);
    expect(first.map(([p]) => p)).toEqual(["dir/a.txt", "dir/b.txt"]);
    expect(second[1]![1]).toBeGreaterThan(first[1]![1] as number);
  });

  it("records exec calls and answers with the scripted result", async () => {
    const rt = new FakeRuntime({
      exec: (cmd) => ({
        exitCode: cmd.startsWith("false") ? 1 : 0,
        stdout: new Uint8Array(),
        stderr: new Uint8Array(),
      }),
    });
    expect((await rt.exec("false")).exitCode).toBe(1);
    expect(rt.execCalls.map((c) => c.command)).toEqual(["false"]);
  });
});
