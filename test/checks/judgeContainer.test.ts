import { describe, expect, it } from "vitest";
import { containerCheckSchema } from "../../src/checks/container/containerCheckSchema.ts";
import type { ContainerFacts } from "../../src/checks/container/gatherContainerFacts.ts";
import { judgeContainer } from "../../src/checks/container/judgeContainer.ts";
import type { ContainerInspect } from "../../src/runtime/docker/types.ts";
import { fixtures } from "./fixtures.ts";

const check = (definition: Record<string, unknown>) =>
  containerCheckSchema.parse({ kind: "container", name: "web", ...definition });

const running = (): ContainerFacts => ({ candidates: [{ container: fixtures.webRunning() }] });
const exited = (): ContainerFacts => ({ candidates: [{ container: fixtures.webExited() }] });

/** The results after the "exists" one. */
const judged = (definition: Record<string, unknown>, facts: ContainerFacts) => {
  const [first, ...rest] = judgeContainer(check(definition), facts);
  expect(first?.ok).toBe(true);
  return rest;
};

describe("judgeContainer on recorded container inspect", () => {
  it("says when there is no container of that name, and how to create one", () => {
    expect(judgeContainer(check({ state: "running" }), { candidates: [] })).toEqual([
      {
        ok: false,
        message: "There is no container named web.",
        hint: expect.stringContaining("docker run --name web"),
      },
    ]);
  });

  it("reports an exited container that should run with its exit code and where to look", () => {
    expect(judged({ state: "running" }, exited())).toEqual([
      {
        ok: false,
        message: "Container web is not running: it is exited with code 1.",
        hint: "See why with `docker logs web`, then start it again with `docker start web`.",
      },
    ]);
    expect(judged({ state: "running" }, running())).toEqual([
      { ok: true, message: "Container web is running." },
    ]);
  });

  it("judges exit codes only once the container has stopped", () => {
    expect(judged({ exitCode: 0 }, exited())).toEqual([
      {
        ok: false,
        message: "Container web exited with code 1, expected 0.",
        hint: "`docker logs web` shows what its process printed before it ended.",
      },
    ]);
    expect(judged({ exitCode: 0 }, running())[0]).toMatchObject({
      ok: false,
      message: "Container web has not exited (it is running), so it has no exit code yet.",
    });
  });

  it("reads published ports from the live mapping, and from the request once stopped", () => {
    expect(judged({ ports: [{ container: 80, host: 8080 }] }, running())).toEqual([
      { ok: true, message: "Port 80 of web is published on host port 8080." },
    ]);
    expect(judged({ ports: [{ container: 80, host: 8080 }] }, exited())).toEqual([
      { ok: true, message: "Port 80 of web is published on host port 8080." },
    ]);
    expect(judged({ ports: [{ container: 80, host: 9090 }] }, running())).toEqual([
      {
        ok: false,
        message: "Port 80 of web is published on host port 8080, not 9090.",
        hint: "Remove it and run it again with -p 9090:80.",
      },
    ]);
    expect(judged({ ports: [{ container: 443 }] }, running())).toEqual([
      {
        ok: false,
        message: "Port 443 of web is not published.",
        hint: expect.stringMatching(
          /^Run it with -p 8080:443; ports are published when a container is created/,
        ),
      },
    ]);
  });

  it("checks volume, bind and tmpfs mounts by destination, type, source and mode", () => {
    const results = judged(
      {
        mounts: [
          { type: "volume", source: "data", destination: "/data" },
          { type: "bind", source: "/workspace/site", destination: "/app/site", readOnly: true },
          { type: "tmpfs", destination: "/tmp" },
          { type: "volume", destination: "/app/site" },
          { destination: "/cache" },
        ],
      },
      running(),
    );
    expect(results).toEqual([
      { ok: true, message: "/data in web is a volume from data." },
      { ok: true, message: "/app/site in web is a bind mount from /workspace/site (read-only)." },
      { ok: true, message: "/tmp in web is a tmpfs mount." },
      {
        ok: false,
        message: "/app/site in web is a bind mount, expected a volume.",
        hint: expect.stringContaining("-v myvolume:/app/site"),
      },
      { ok: false, message: "Nothing is mounted at /cache in web.", hint: expect.any(String) },
    ]);
  });

  it("names the networks a container is on when it is not on the expected one", () => {
    expect(judged({ networks: ["appnet"] }, running())).toEqual([
      { ok: true, message: "Container web is connected to appnet." },
    ]);
    expect(judged({ networks: ["backend"] }, running())).toEqual([
      {
        ok: false,
        message: "Container web is not connected to backend (it is on appnet).",
        hint: "Connect it with `docker network connect backend web`, or run it with --network backend.",
      },
    ]);
  });

  it("accepts a container's name or a --network-alias as the name it answers to", () => {
    const withDns = (DNSNames: string[] | undefined, Aliases: string[] | null) => {
      const container = fixtures.webRunning();
      const endpoint = container.NetworkSettings.Networks.appnet!;
      container.NetworkSettings.Networks.appnet = { ...endpoint, Aliases, DNSNames };
      return { candidates: [{ container }] };
    };
    // Docker 26 lists every name (API 1.45 DNSNames).
    expect(
      judged({ dnsNames: { appnet: ["cache"] } }, withDns(["web", "cache", "1a2b"], ["cache"])),
    ).toEqual([{ ok: true, message: "On appnet, container web answers to the name cache." }]);
    // Older engines: the name always resolves, aliases are listed.
    expect(
      judged({ dnsNames: { appnet: ["web", "cache"] } }, withDns(undefined, ["cache"])),
    ).toEqual([
      { ok: true, message: "On appnet, container web answers to the name web." },
      { ok: true, message: "On appnet, container web answers to the name cache." },
    ]);
    expect(judged({ dnsNames: { appnet: ["redis"] } }, withDns(["web", "1a2b"], null))).toEqual([
      {
        ok: false,
        message:
          "On appnet, container web does not answer to the name redis (it answers to web, 1a2b).",
        hint: "Name the container redis, or give it the extra name with --network-alias redis when you run it on appnet.",
      },
    ]);
    expect(judged({ dnsNames: { backend: ["redis"] } }, running())).toEqual([
      {
        ok: false,
        message: "Container web is not connected to backend, so no one there can reach it by name.",
        hint: "Run it with --network backend (or `docker network connect backend web`).",
      },
    ]);
  });

  it("reads the HEALTHCHECK's verdict, quoting the last failing probe", () => {
    const withHealth = (Health: ContainerInspect["State"]["Health"]) => {
      const container = fixtures.webRunning();
      container.State = { ...container.State, ...(Health ? { Health } : {}) };
      return { candidates: [{ container }] };
    };
    expect(
      judged({ health: "healthy" }, withHealth({ Status: "healthy", FailingStreak: 0 })),
    ).toEqual([{ ok: true, message: "Container web is healthy." }]);
    expect(
      judged(
        { health: "healthy" },
        withHealth({
          Status: "unhealthy",
          FailingStreak: 3,
          Log: [{ ExitCode: 7, Output: "curl: (7) Failed to connect to localhost port 80\n" }],
        }),
      ),
    ).toEqual([
      {
        ok: false,
        message:
          "Container web is unhealthy, expected healthy. Its last probe exited with code 7: curl: (7) Failed to connect to localhost port 80",
        hint: expect.stringContaining("docker inspect --format '{{json .State.Health}}' web"),
      },
    ]);
    expect(judged({ health: "healthy" }, withHealth(undefined))).toEqual([
      {
        ok: false,
        message: "Container web has no health check.",
        hint: expect.stringContaining("HEALTHCHECK"),
      },
    ]);
    expect(judged({ health: "none" }, withHealth(undefined))).toEqual([
      { ok: true, message: "Container web has no health check." },
    ]);
  });

  it("checks the environment the process got, image ENV and -e alike", () => {
    expect(
      judged({ env: { GREETING: "hi", APP_ENV: "production", MODE: "dev" } }, running()),
    ).toEqual([
      { ok: true, message: "container web has environment variable GREETING=hi." },
      { ok: true, message: "container web has environment variable APP_ENV=production." },
      {
        ok: false,
        message: "container web has no environment variable MODE.",
        hint: "Remove it and run it again with -e MODE=dev.",
      },
    ]);
  });

  it("searches stdout and stderr of the logs, and says when there are none", () => {
    const withLogs = (stdout: string, stderr: string): ContainerFacts => ({
      candidates: [{ container: fixtures.webExited(), logs: { stdout, stderr } }],
    });
    expect(
      judged({ logs: "bind: Address in use" }, withLogs("", "httpd: bind: Address in use\n")),
    ).toEqual([{ ok: true, message: 'The log of web contains "bind: Address in use".' }]);
    expect(judged({ logs: "Listening" }, withLogs("starting\n", ""))[0]).toMatchObject({
      ok: false,
      message: 'The log of web does not contain "Listening".',
    });
    expect(judged({ logs: "Listening" }, withLogs("", ""))[0]).toMatchObject({
      ok: false,
      message: "Container web has printed nothing yet.",
    });
  });

  it("compares the image it was created from by id", () => {
    const facts = { ...running(), image: fixtures.hello() };
    expect(judged({ image: "hello:latest" }, facts)).toEqual([
      { ok: true, message: "Container web was created from hello:latest." },
    ]);
    expect(judged({ image: "alpine:3.19" }, { ...running(), image: fixtures.alpine() })).toEqual([
      {
        ok: false,
        message: "Container web was created from hello:v1, not alpine:3.19.",
        hint: expect.stringContaining("remove it and run alpine:3.19"),
      },
    ]);
  });

  it("judges files read from the container by docker cp", () => {
    const facts: ContainerFacts = {
      candidates: [
        {
          container: fixtures.webRunning(),
          files: {
            "/app/index.html": { exitCode: 0, stdout: "<h1>Hello</h1>\n", stderr: "" },
            "/app/missing": {
              exitCode: 2,
              stdout: "",
              stderr:
                "Error: No such container:path: web:/app/missing\ntar: This does not look like a tar archive\n",
            },
          },
        },
      ],
    };
    expect(
      judged(
        {
          files: [
            { path: "/app/index.html", contains: "Hello" },
            { path: "/app/missing" },
            { path: "/app/missing", exists: false },
          ],
        },
        facts,
      ),
    ).toEqual([
      { ok: true, message: '/app/index.html in web contains "Hello".' },
      {
        ok: false,
        message: "There is no /app/missing in web.",
        hint: "`docker exec web ls -l /app` shows what is there.",
      },
      { ok: true, message: "There is no /app/missing in web." },
    ]);
  });

  it("with filters, judges the matching container that comes closest", () => {
    const facts: ContainerFacts = {
      candidates: [{ container: fixtures.quirkyHopper() }, { container: fixtures.webRunning() }],
    };
    const byAncestor = containerCheckSchema.parse({
      kind: "container",
      filters: { ancestor: "hello:v1" },
      state: "running",
      ports: [{ container: 80 }],
    });
    expect(judgeContainer(byAncestor, facts)).toEqual([
      { ok: true, message: "Container web matches ancestor=hello:v1 (running)." },
      { ok: true, message: "Container web is running." },
      { ok: true, message: "Port 80 of web is published on host port 8080." },
    ]);
    const exitedOnly = { candidates: [{ container: fixtures.quirkyHopper() }] };
    expect(judgeContainer(byAncestor, exitedOnly)[1]).toMatchObject({
      ok: false,
      message: "Container quirky_hopper is not running: it is exited with code 0.",
    });
  });

  it("passes exists: false only when no container matches", () => {
    expect(judgeContainer(check({ exists: false }), { candidates: [] })).toEqual([
      { ok: true, message: "There is no container named web." },
    ]);
    expect(judgeContainer(check({ exists: false }), running())).toEqual([
      {
        ok: false,
        message: "Container web still exists (running).",
        hint: expect.stringContaining("docker rm -f web"),
      },
    ]);
  });
});
