import { describe, expect, it } from "vitest";
import { commandCheckSchema } from "../../src/checks/command/commandCheckSchema.ts";
import { judgeCommand } from "../../src/checks/command/judgeCommand.ts";
import { judgeRegistry } from "../../src/checks/registry/judgeRegistry.ts";
import { registryCheckSchema } from "../../src/checks/registry/registryCheckSchema.ts";
import { parseWgetResult } from "../../src/checks/registry/registryGetViaExec.ts";

const command = (definition: Record<string, unknown>) =>
  commandCheckSchema.parse({
    kind: "command",
    run: "wget -qO- http://localhost:8080",
    ...definition,
  });
const registry = (definition: Record<string, unknown>) =>
  registryCheckSchema.parse({ kind: "registry", repository: "hello", ...definition });

describe("judgeCommand", () => {
  it("checks the exit code and quotes what the command printed when it fails", () => {
    expect(
      judgeCommand(command({}), {
        output: {
          exitCode: 1,
          stdout: "",
          stderr: "wget: can't connect to remote host: Connection refused\n",
        },
      }),
    ).toEqual([
      {
        ok: false,
        message: "`wget -qO- http://localhost:8080` exited with code 1, expected 0.",
        hint: "It printed: wget: can't connect to remote host: Connection refused. Run it in the terminal to see more.",
      },
    ]);
  });

  it("matches stdout and stderr separately", () => {
    const results = judgeCommand(command({ stdout: "Hello", stderr: { equals: "" } }), {
      output: { exitCode: 0, stdout: "<h1>Hi</h1>", stderr: "" },
    });
    expect(results).toEqual([
      { ok: true, message: "`wget -qO- http://localhost:8080` exited with code 0." },
      {
        ok: false,
        message: 'The output of `wget -qO- http://localhost:8080` does not contain "Hello".',
        hint: "It printed: <h1>Hi</h1>.",
      },
      { ok: true, message: 'The error output of `wget -qO- http://localhost:8080` is "".' },
    ]);
  });

  it("reports a command that ran out of time instead of judging its output", () => {
    expect(
      judgeCommand(command({ timeoutMs: 2000 }), {
        output: { exitCode: 137, stdout: "", stderr: "", timedOut: true },
      }),
    ).toEqual([
      {
        ok: false,
        message: "`wget -qO- http://localhost:8080` did not finish within 2 s.",
        hint: expect.stringContaining("waiting for input"),
      },
    ]);
  });
});

describe("judgeRegistry on registry API v2 answers", () => {
  const tagsList = (status: number, body: string) => ({ tagsList: { status, body } });

  it("finds the expected tags in /v2/<name>/tags/list", () => {
    expect(
      judgeRegistry(
        registry({ tags: ["v1", "v2"] }),
        tagsList(200, '{"name":"hello","tags":["v1"]}'),
      ),
    ).toEqual([
      { ok: true, message: "localhost:5000 has repository hello (tags: v1)." },
      { ok: true, message: "localhost:5000/hello:v1 is in the registry." },
      {
        ok: false,
        message: "localhost:5000 has hello with tags v1, but not v2.",
        hint: "Push it: `docker tag <image> localhost:5000/hello:v2`, then `docker push localhost:5000/hello:v2`.",
      },
    ]);
  });

  it("tells an unknown repository, a repository without tags and no registry at all apart", () => {
    const unknown =
      '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"hello"}}]}';
    expect(judgeRegistry(registry({}), tagsList(404, unknown))).toEqual([
      {
        ok: false,
        message: "localhost:5000 has no repository hello.",
        hint: expect.stringContaining("docker push localhost:5000/hello:latest"),
      },
    ]);
    expect(
      judgeRegistry(registry({}), tagsList(200, '{"name":"hello","tags":null}'))[0],
    ).toMatchObject({
      ok: false,
      message: "Repository hello in localhost:5000 has no tags.",
    });
    expect(judgeRegistry(registry({}), tagsList(0, ""))).toEqual([
      {
        ok: false,
        message: "Nothing answers at localhost:5000.",
        hint: "Start a registry with `docker run -d -p 5000:5000 --name registry registry:2`.",
      },
    ]);
  });

  it("turns busybox wget's exit code and messages into HTTP statuses", () => {
    expect(parseWgetResult(0, '{"tags":["v1"]}', "")).toEqual({
      status: 200,
      body: '{"tags":["v1"]}',
    });
    expect(parseWgetResult(1, "", "wget: server returned error: HTTP/1.1 404 Not Found\n")).toEqual(
      { status: 404, body: "" },
    );
    expect(
      parseWgetResult(
        1,
        "",
        "wget: can't connect to remote host (127.0.0.1): Connection refused\n",
      ),
    ).toEqual({
      status: 0,
      body: "",
    });
  });
});
