import { describe, expect, it } from "vitest";
import { FakeRuntime } from "../../../src/runtime/fake/FakeRuntime.ts";
import { DockerApiError } from "../../../src/runtime/docker/DockerClient.ts";

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
