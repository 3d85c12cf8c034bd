import { describe, expect, it, vi } from "vitest";
import type { CheckContext } from "../../src/checks/CheckContext.ts";
import { MissingCapabilityError } from "../../src/checks/CheckContext.ts";
import { READ_CONTAINER_FILE } from "../../src/checks/container/gatherContainerFacts.ts";
import { evaluateCheck } from "../../src/checks/evaluateCheck.ts";
import { parseCheck } from "../../src/checks/parseCheck.ts";
import { REGISTRY_GET, registryGetViaExec } from "../../src/checks/registry/registryGetViaExec.ts";
import { requiredCapabilities } from "../../src/checks/requiredCapabilities.ts";
import { DockerApiError } from "../../src/runtime/docker/DockerClient.ts";
import { fakeDocker } from "./fakeDocker.ts";
import { fixtures } from "./fixtures.ts";

function check(definition: unknown) {
  const result = parseCheck(definition);
  if (!result.ok) throw new Error(result.problems.join("\n"));
  return result.check;
}

/** The scene of the fixtures, as a daemon would answer it. */
function scene() {
  const hello = fixtures.hello();
  return fakeDocker({
    images: [fixtures.alpine(), hello],
    history: { [hello.Id]: fixtures.helloHistory() },
    containers: [fixtures.webRunning(), fixtures.quirkyHopper()],
    lists: {
      '{"ancestor":"hello:v1"}': fixtures.containersFromHello(),
      '{"volume":"data"}': fixtures.containersUsingData(),
    },
    logs: { [fixtures.webRunning().Id]: { stdout: "httpd started\n", stderr: "" } },
    networks: [fixtures.appnet()],
    volumes: [fixtures.dataVolume()],
  });
}

describe("evaluateCheck", () => {
  it("gathers what an image check needs and judges it, the check's hint added on failure", async () => {
    const docker = scene();
    const result = await evaluateCheck(
      check({
        kind: "image",
        ref: "hello:v1",
        layers: { max: 3 },
        base: "alpine:3.19",
        hint: "See “Fewer layers”.",
      }),
      { docker },
    );
    expect(result).toEqual({
      ok: false,
      title: "Image hello:v1",
      hint: "See “Fewer layers”.",
      assertions: [
        expect.objectContaining({ ok: true }),
        expect.objectContaining({
          ok: false,
          hint: "Combine the 3 RUN lines into one with && to get 3 layers.",
        }),
        { ok: true, message: "hello:v1 is built on alpine:3.19." },
      ],
    });
    expect(docker.calls).toEqual([
      "inspectImage hello:v1",
      `imageHistory ${fixtures.hello().Id}`,
      "inspectImage alpine:3.19",
    ]);
  });

  it("asks for nothing beyond the inspect when the image is missing", async () => {
    const docker = scene();
    const result = await evaluateCheck(
      check({ kind: "image", ref: "nope", layers: 1, base: "alpine:3.19" }),
      { docker },
    );
    expect(result.ok).toBe(false);
    expect(result.assertions).toHaveLength(1);
    expect(docker.calls).toEqual(["inspectImage nope"]);
  });

  it("passes errors other than 404 on, so a daemon failure is never shown as the learner's mistake", async () => {
    const docker = scene();
    docker.inspectImage = () =>
      Promise.reject(new DockerApiError(500, "boom", "GET", "/images/x/json"));
    await expect(
      evaluateCheck(check({ kind: "image", ref: "hello:v1" }), { docker }),
    ).rejects.toThrow("boom");
  });

  it("finds containers by filter and reads logs and files only for those", async () => {
    const docker = scene();
    const exec = vi.fn<NonNullable<CheckContext["exec"]>>(async () => ({
      exitCode: 0,
      stdout: "<h1>Hello</h1>",
      stderr: "",
    }));
    const result = await evaluateCheck(
      check({
        kind: "container",
        filters: { ancestor: "hello:v1" },
        state: "running",
        logs: "started",
        files: [{ path: "/app/index.html", contains: "Hello" }],
      }),
      { docker, exec },
    );
    expect(result).toMatchObject({ ok: true, title: "Container matching ancestor=hello:v1" });
    expect(result.assertions[0]).toEqual({
      ok: true,
      message: "Container web matches ancestor=hello:v1 (running).",
    });
    expect(exec).toHaveBeenCalledWith(
      READ_CONTAINER_FILE,
      expect.objectContaining({ args: [fixtures.webRunning().Id, "/app/index.html"] }),
    );
    expect(docker.calls).toContain('listContainers {"ancestor":"hello:v1"}');
  });

  it("does not take a container whose id merely starts with the name for the named one", async () => {
    const docker = scene();
    const prefix = fixtures.webRunning().Id.slice(0, 4);
    const result = await evaluateCheck(check({ kind: "container", name: prefix }), { docker });
    expect(result.assertions).toEqual([
      expect.objectContaining({ ok: false, message: `There is no container named ${prefix}.` }),
    ]);
  });

  it("judges networks, volumes, files and commands through their capabilities", async () => {
    const docker = scene();
    const ctx: CheckContext = {
      docker,
      readWorkspaceFile: async (path) => (path === "Dockerfile" ? "FROM alpine\nRUN true\n" : null),
      exec: async () => ({ exitCode: 0, stdout: "web\n", stderr: "" }),
    };
    const results = await Promise.all(
      [
        { kind: "network", name: "appnet", containers: ["web"] },
        { kind: "volume", name: "data", usedBy: ["web"] },
        { kind: "file", path: "Dockerfile", dockerfile: { count: { RUN: 1 } } },
        { kind: "file", path: ".dockerignore" },
        {
          kind: "command",
          run: "docker ps --format '{{.Names}}'",
          stdout: { matches: "^web$", flags: "m" },
        },
      ].map((definition) => evaluateCheck(check(definition), ctx)),
    );
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, true]);
  });

  it("fetches a registry's tags through busybox wget in the guest", async () => {
    const exec = vi.fn<NonNullable<CheckContext["exec"]>>(async () => ({
      exitCode: 0,
      stdout: '{"name":"hello","tags":["v1"]}',
      stderr: "",
    }));
    const result = await evaluateCheck(
      check({ kind: "registry", repository: "hello", tags: ["v1"] }),
      {
        registryGet: registryGetViaExec(exec),
      },
    );
    expect(result.ok).toBe(true);
    // localhost is asked for as 127.0.0.1: the guest has no IPv6.
    expect(exec).toHaveBeenCalledWith(
      REGISTRY_GET,
      expect.objectContaining({ args: ["127.0.0.1:5000", "/v2/hello/tags/list"] }),
    );
  });

  it("rejects with MissingCapabilityError when the context lacks what a check needs", async () => {
    const definition = check({
      kind: "container",
      name: "web",
      files: [{ path: "/etc/hostname" }],
    });
    expect(requiredCapabilities(definition)).toEqual(["docker", "command"]);
    await expect(evaluateCheck(definition, { docker: scene() })).rejects.toBeInstanceOf(
      MissingCapabilityError,
    );
    await expect(
      evaluateCheck(check({ kind: "registry", repository: "hello" }), {}),
    ).rejects.toThrow('this check needs the "registry" capability');
  });

  it("rejects once aborted, even when the answers arrive afterwards", async () => {
    const controller = new AbortController();
    const docker = scene();
    const inspect = docker.inspectImage;
    docker.inspectImage = async (ref, options) => {
      const image = await inspect(ref, options);
      controller.abort();
      return image;
    };
    await expect(
      evaluateCheck(check({ kind: "image", ref: "hello:v1" }), { docker }, controller.signal),
    ).rejects.toMatchObject({
      name: "AbortError",
    });
    await expect(
      evaluateCheck(check({ kind: "image", ref: "hello:v1" }), { docker }, controller.signal),
    ).rejects.toMatchObject({
      name: "AbortError",
    });
  });
});
