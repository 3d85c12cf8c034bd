import { describe, expect, it } from "vitest";
import { DockerApiError, DockerClient } from "../../../src/runtime/docker/DockerClient.ts";
import { HttpProtocolError } from "../../../src/runtime/docker/http.ts";
import type { DockerEvent } from "../../../src/runtime/docker/types.ts";
import {
  DOCKER_HEADERS,
  FakeStream,
  ODD_CHUNKS,
  chunkedResponse,
  concatBytes,
  fakeOpen,
  frame,
  randomChunks,
  rawResponse,
} from "./fakeStream.ts";

const JSON_HEADERS = [...DOCKER_HEADERS, "Content-Type: application/json"];
/** Go's json.Encoder ends every document with a newline; the daemon's replies do too. */
const json = (body: string) => rawResponse("200 OK", JSON_HEADERS, body + "\n");

const BUSYBOX_ID = "sha256:5242710cbd55829f6c44b34ff249913bb7cee748889e7e6925285a29f126aa78";
const BUSYBOX_LAYER = "sha256:feb4513d4fb7052bcff38021fc9ef82fd409f4e016f3dff5c20ff5645cde4c02";

/** `GET /v1.41/images/busybox:latest/json` from Docker 20.10.24 on i386. */
const BUSYBOX_INSPECT = `{"Id":"${BUSYBOX_ID}","RepoTags":["busybox:latest"],"RepoDigests":["busybox@sha256:3fbc632167424a6d997e74f52b878d7cc478225cffac6bc977eedfe51c7f4e79"],"Parent":"","Comment":"","Created":"2023-07-18T23:19:33.655005962Z","Container":"2b7aa5b0e6b2d4e5a5f3b8cb0a3e7b4a3c6b9c2f0e0f1d2a3b4c5d6e7f8a9b0c","ContainerConfig":{"Hostname":"2b7aa5b0e6b2","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["/bin/sh","-c","#(nop) ","CMD [\\"sh\\"]"],"Image":"sha256:1a1d5a4e6a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":{}},"DockerVersion":"20.10.23","Author":"","Config":{"Hostname":"","Domainname":"","User":"","AttachStdin":false,"AttachStdout":false,"AttachStderr":false,"Tty":false,"OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"],"Image":"sha256:1a1d5a4e6a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5","Volumes":null,"WorkingDir":"","Entrypoint":null,"OnBuild":null,"Labels":null},"Architecture":"386","Os":"linux","Size":4495429,"VirtualSize":4495429,"GraphDriver":{"Data":{"MergedDir":"/var/lib/docker/overlay2/0f3c2d1e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d/merged","UpperDir":"/var/lib/docker/overlay2/0f3c2d1e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d/diff","WorkDir":"/var/lib/docker/overlay2/0f3c2d1e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d/work"},"Name":"overlay2"},"RootFS":{"Type":"layers","Layers":["${BUSYBOX_LAYER}"]},"Metadata":{"LastTagTime":"0001-01-01T00:00:00Z"}}`;

const NOT_FOUND = rawResponse(
  "404 Not Found",
  JSON_HEADERS,
  '{"message":"No such image: nope:latest"}\n',
);

const WEB_ID = "9f1c5ad4b2e8c3a7d6f0e1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2";
const containerInspect = (tty: boolean) =>
  json(
    `{"Id":"${WEB_ID}","Created":"2023-11-23T22:10:01.512345678Z","Path":"sh","Args":["-c","echo hello; echo oops >&2"],"State":{"Status":"exited","Running":false,"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":0,"ExitCode":0,"Error":"","StartedAt":"2023-11-23T22:10:01.9Z","FinishedAt":"2023-11-23T22:10:02.1Z"},"Image":"${BUSYBOX_ID}","Name":"/web","RestartCount":0,"Driver":"overlay2","LogPath":"/var/lib/docker/containers/${WEB_ID}/${WEB_ID}-json.log","HostConfig":{"Binds":null,"NetworkMode":"default","PortBindings":{"80/tcp":[{"HostIp":"","HostPort":"8080"}]},"RestartPolicy":{"Name":"no","MaximumRetryCount":0},"AutoRemove":false,"Privileged":false,"Memory":0,"NanoCpus":0},"Mounts":[],"Config":{"Hostname":"9f1c5ad4b2e8","User":"","Tty":${tty},"OpenStdin":false,"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh","-c","echo hello; echo oops >&2"],"Image":"busybox","Volumes":null,"WorkingDir":"","Entrypoint":null,"Labels":{}},"NetworkSettings":{"Ports":{},"Networks":{"bridge":{"Aliases":null,"NetworkID":"","EndpointID":"","Gateway":"","IPAddress":"","IPPrefixLen":0,"MacAddress":""}},"IPAddress":"","Gateway":""}}`,
  );

const EVENT_CREATE = `{"status":"create","id":"${WEB_ID}","from":"busybox","Type":"container","Action":"create","Actor":{"ID":"${WEB_ID}","Attributes":{"image":"busybox","name":"web"}},"scope":"local","time":1700777401,"timeNano":1700777401503861420}`;
const EVENT_START = `{"status":"start","id":"${WEB_ID}","from":"busybox","Type":"container","Action":"start","Actor":{"ID":"${WEB_ID}","Attributes":{"image":"busybox","name":"web"}},"scope":"local","time":1700777401,"timeNano":1700777401912006563}`;
/** Two events; the HTTP chunks split the first one mid-JSON and carry the end of one and all of the next. */
const EVENTS = chunkedResponse("200 OK", JSON_HEADERS, [
  EVENT_CREATE.slice(0, 57),
  EVENT_CREATE.slice(57) + "\n" + EVENT_START.slice(0, 120),
  EVENT_START.slice(120) + "\n",
]);

const requestLine = (text: string) => text.split("\r\n")[0];

describe("DockerClient requests", () => {
  it("pings /v1.41/_ping with Host: docker and Connection: close", async () => {
    const { open, streams } = fakeOpen(
      rawResponse("200 OK", [...DOCKER_HEADERS, "Content-Type: text/plain; charset=utf-8"], "OK"),
    );
    await expect(new DockerClient(open).ping()).resolves.toBe("OK");
    expect(streams[0]?.requestText).toBe(
      "GET /v1.41/_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n",
    );
  });

  it("uses the configured API version prefix", async () => {
    const { open, streams } = fakeOpen(rawResponse("200 OK", DOCKER_HEADERS, "OK"));
    await new DockerClient(open, { apiVersion: "v1.40" }).ping();
    expect(requestLine(streams[0]?.requestText ?? "")).toBe("GET /v1.40/_ping HTTP/1.1");
  });

  it("URL-encodes image references and container names in the path", async () => {
    const { open, streams } = fakeOpen(json(BUSYBOX_INSPECT), containerInspect(false));
    const client = new DockerClient(open);
    await client.inspectImage("library/busybox:latest");
    await client.inspectContainer("my web#1");
    expect(requestLine(streams[0]?.requestText ?? "")).toBe(
      "GET /v1.41/images/library%2Fbusybox%3Alatest/json HTTP/1.1",
    );
    expect(requestLine(streams[1]?.requestText ?? "")).toBe(
      "GET /v1.41/containers/my%20web%231/json HTTP/1.1",
    );
  });

  it("encodes filters as a URL-encoded JSON object of string arrays", async () => {
    const { open, streams } = fakeOpen(
      json("[]"),
      json("[]"),
      json("[]"),
      json('{"Volumes":[],"Warnings":null}'),
    );
    const client = new DockerClient(open);
    await client.listImages({ all: true, filters: { dangling: ["true"], label: ["a=b c", "x"] } });
    await client.listContainers({ filters: { status: "exited" } });
    await client.listNetworks({ filters: {} });
    await client.listVolumes({ filters: { name: "data" } });
    const lines = streams.map((s) => requestLine(s.requestText));
    expect(lines).toEqual([
      "GET /v1.41/images/json?all=1&filters=%7B%22dangling%22%3A%5B%22true%22%5D%2C%22label%22%3A%5B%22a%3Db%20c%22%2C%22x%22%5D%7D HTTP/1.1",
      "GET /v1.41/containers/json?filters=%7B%22status%22%3A%5B%22exited%22%5D%7D HTTP/1.1",
      "GET /v1.41/networks HTTP/1.1",
      "GET /v1.41/volumes?filters=%7B%22name%22%3A%5B%22data%22%5D%7D HTTP/1.1",
    ]);
    const query = new URL(`http://docker${lines[0]?.split(" ")[1]}`).searchParams;
    expect(JSON.parse(query.get("filters") ?? "")).toEqual({
      dangling: ["true"],
      label: ["a=b c", "x"],
    });
  });
});

describe("DockerClient responses", () => {
  it.each([
    ["one chunk", undefined],
    ["1-byte chunks", [1]],
    ["odd chunks", ODD_CHUNKS],
    ["random chunks", randomChunks(2024)],
  ] as const)(
    "parses an image inspect with RootFS layers delivered in %s",
    async (_name, chunkSizes) => {
      const { open } = fakeOpen([json(BUSYBOX_INSPECT), chunkSizes ? { chunkSizes } : {}]);
      const image = await new DockerClient(open).inspectImage("busybox:latest");
      expect(image.Id).toBe(BUSYBOX_ID);
      expect(image.RepoTags).toEqual(["busybox:latest"]);
      expect(image.Config.Cmd).toEqual(["sh"]);
      expect(image.Config.Entrypoint).toBeNull();
      expect(image.RootFS).toEqual({ Type: "layers", Layers: [BUSYBOX_LAYER] });
    },
  );

  it("throws DockerApiError with status, daemon message, method and path on 404", async () => {
    const { open } = fakeOpen([NOT_FOUND, { chunkSizes: [1] }]);
    const error = await new DockerClient(open).inspectImage("nope").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DockerApiError);
    expect(error).toMatchObject({
      status: 404,
      daemonMessage: "No such image: nope:latest",
      method: "GET",
      path: "/v1.41/images/nope/json",
      message: "GET /v1.41/images/nope/json failed with 404: No such image: nope:latest",
    });
  });

  it("uses the raw body or the reason phrase when an error response is not JSON", async () => {
    const { open } = fakeOpen(
      rawResponse("500 Internal Server Error", DOCKER_HEADERS, "page not found\n"),
      rawResponse("503 Service Unavailable", DOCKER_HEADERS, ""),
    );
    const client = new DockerClient(open);
    await expect(client.version()).rejects.toMatchObject({
      status: 500,
      daemonMessage: "page not found",
    });
    await expect(client.info()).rejects.toMatchObject({
      status: 503,
      daemonMessage: "Service Unavailable",
    });
  });

  it("returns typed lists and objects for history, volumes and networks", async () => {
    const { open } = fakeOpen(
      json(
        `[{"Comment":"","Created":1689722373,"CreatedBy":"/bin/sh -c #(nop)  CMD [\\"sh\\"]","Id":"${BUSYBOX_ID}","Size":0,"Tags":["busybox:latest"]},{"Comment":"","Created":1689722373,"CreatedBy":"/bin/sh -c #(nop) ADD file:7e9002edaafd4e4579b65c8f0aaabde1aeb7fd3f8d95579f7fd3a5b5d9d2f3c0 in / ","Id":"<missing>","Size":4495429,"Tags":null}]`,
      ),
      json(
        `{"Volumes":[{"CreatedAt":"2023-11-23T22:12:00Z","Driver":"local","Labels":null,"Mountpoint":"/var/lib/docker/volumes/data/_data","Name":"data","Options":null,"Scope":"local"}],"Warnings":null}`,
      ),
      json(
        `{"Name":"bridge","Id":"c0ffee00b2e8c3a7d6f0e1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2","Created":"2023-11-23T22:00:00.1Z","Scope":"local","Driver":"bridge","EnableIPv6":false,"IPAM":{"Driver":"default","Options":null,"Config":[{"Subnet":"172.17.0.0/16","Gateway":"172.17.0.1"}]},"Internal":false,"Attachable":false,"Ingress":false,"ConfigFrom":{"Network":""},"ConfigOnly":false,"Containers":{},"Options":{"com.docker.network.bridge.default_bridge":"true"},"Labels":{}}`,
      ),
    );
    const client = new DockerClient(open);
    const history = await client.imageHistory("busybox");
    expect(history.map((h) => [h.Id, h.Size])).toEqual([
      [BUSYBOX_ID, 0],
      ["<missing>", 4495429],
    ]);
    const volumes = await client.listVolumes();
    expect(volumes.Volumes?.[0]?.Mountpoint).toBe("/var/lib/docker/volumes/data/_data");
    const network = await client.inspectNetwork("bridge");
    expect(network.IPAM.Config?.[0]?.Subnet).toBe("172.17.0.0/16");
  });

  it("rejects with a clear error when the daemon closes the connection mid-response", async () => {
    const { open } = fakeOpen(json(BUSYBOX_INSPECT).slice(0, 300));
    const error = await new DockerClient(open).inspectImage("busybox").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpProtocolError);
    expect((error as Error).message).toMatch(/^connection closed after \d+ of \d+ body bytes$/);
  });

  it("rejects with an AbortError and closes the connection when aborted before the reply", async () => {
    const { open, streams } = fakeOpen([json(BUSYBOX_INSPECT), { chunkSizes: [16], slow: true }]);
    const controller = new AbortController();
    const pending = new DockerClient(open).inspectImage("busybox", { signal: controller.signal });
    setTimeout(() => controller.abort(), 0);
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    expect(streams[0]?.isClosed).toBe(true);
  });

  it("rejects with an AbortError while the connection is still opening, then closes it", async () => {
    const stream = new FakeStream(json("[]"));
    let deliver: (s: FakeStream) => void = () => {};
    const open = () => new Promise<FakeStream>((resolve) => (deliver = resolve));
    const controller = new AbortController();
    const pending = new DockerClient(open).listImages({ signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
    deliver(stream);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(stream.isClosed).toBe(true);
    expect(stream.writes).toHaveLength(0);
  });
});

describe("DockerClient.containerLogs", () => {
  const LOGS = chunkedResponse("200 OK", DOCKER_HEADERS, [
    concatBytes([frame(1, "hello\n"), frame(2, "oops\n")]),
    frame(1, "caf\u00e9\n"),
  ]);

  it("inspects the container, then demultiplexes stdout and stderr", async () => {
    const { open, streams } = fakeOpen(containerInspect(false), [LOGS, { chunkSizes: [1] }]);
    const logs = await new DockerClient(open).containerLogs("web", { tail: 10, timestamps: false });
    expect(logs).toEqual({ stdout: "hello\ncafé\n", stderr: "oops\n" });
    expect(requestLine(streams[0]?.requestText ?? "")).toBe(
      "GET /v1.41/containers/web/json HTTP/1.1",
    );
    expect(requestLine(streams[1]?.requestText ?? "")).toBe(
      "GET /v1.41/containers/web/logs?stdout=1&stderr=1&tail=10&timestamps=0 HTTP/1.1",
    );
  });

  it("skips the inspect and reads raw bytes when told the container has a TTY", async () => {
    const raw = chunkedResponse("200 OK", DOCKER_HEADERS, ["/ # ls\r\n", "bin   dev   etc\r\n"]);
    const { open, streams } = fakeOpen([raw, { chunkSizes: ODD_CHUNKS }]);
    const since = new Date(Date.UTC(2023, 10, 23, 22, 0, 0, 5));
    const logs = await new DockerClient(open).containerLogs("web", {
      tty: true,
      stderr: false,
      since,
    });
    expect(logs).toEqual({ stdout: "/ # ls\r\nbin   dev   etc\r\n", stderr: "" });
    expect(streams).toHaveLength(1);
    expect(requestLine(streams[0]?.requestText ?? "")).toBe(
      "GET /v1.41/containers/web/logs?stdout=1&stderr=0&since=1700776800.005000000 HTTP/1.1",
    );
  });

  it("uses the TTY flag from inspect to read raw output", async () => {
    const raw = chunkedResponse("200 OK", DOCKER_HEADERS, ["hello from a tty\r\n"]);
    const { open } = fakeOpen(containerInspect(true), raw);
    await expect(new DockerClient(open).containerLogs("web")).resolves.toEqual({
      stdout: "hello from a tty\r\n",
      stderr: "",
    });
  });

  it("throws DockerApiError for a missing container", async () => {
    const missing = rawResponse(
      "404 Not Found",
      JSON_HEADERS,
      '{"message":"No such container: ghost"}\n',
    );
    const { open } = fakeOpen(missing);
    await expect(new DockerClient(open).containerLogs("ghost")).rejects.toMatchObject({
      name: "DockerApiError",
      status: 404,
      daemonMessage: "No such container: ghost",
    });
  });
});

describe("DockerClient.events", () => {
  it.each([
    ["HTTP chunks only", undefined],
    ["1-byte chunks", [1]],
    ["random chunks", randomChunks(99, 300, 40)],
  ] as const)("delivers events split mid-JSON in order (%s)", async (_name, chunkSizes) => {
    const { open, streams } = fakeOpen([EVENTS, chunkSizes ? { chunkSizes } : {}]);
    const events: DockerEvent[] = [];
    const subscription = await new DockerClient(open).events(
      { filters: { type: ["container"], container: ["web"] }, since: 1700777400 },
      (event) => events.push(event),
    );
    await subscription.done;
    expect(events.map((e) => [e.Type, e.Action, e.Actor.Attributes?.name])).toEqual([
      ["container", "create", "web"],
      ["container", "start", "web"],
    ]);
    expect(events[1]?.time).toBe(1700777401);
    expect(requestLine(streams[0]?.requestText ?? "")).toBe(
      "GET /v1.41/events?filters=%7B%22type%22%3A%5B%22container%22%5D%2C%22container%22%3A%5B%22web%22%5D%7D&since=1700777400 HTTP/1.1",
    );
  });

  it("delivers several events that arrive in a single chunk", async () => {
    const body = chunkedResponse("200 OK", JSON_HEADERS, [`${EVENT_CREATE}\n${EVENT_START}\n`]);
    const { open } = fakeOpen(body);
    const actions: string[] = [];
    await (
      await new DockerClient(open).events({}, (e) => actions.push(e.Action))
    ).done;
    expect(actions).toEqual(["create", "start"]);
  });

  it("close() stops the subscription, closes the connection and resolves done", async () => {
    const head = chunkedResponse("200 OK", JSON_HEADERS, [`${EVENT_CREATE}\n`]);
    const open = head.slice(0, head.length - 5); // without the last-chunk: the daemon keeps streaming
    const { open: openStream, streams } = fakeOpen([open, { end: false }]);
    const actions: string[] = [];
    const subscription = await new DockerClient(openStream).events({}, (e) =>
      actions.push(e.Action),
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    subscription.close();
    await expect(subscription.done).resolves.toBeUndefined();
    expect(actions).toEqual(["create"]);
    expect(streams[0]?.isClosed).toBe(true);
  });

  it("rejects done with an AbortError and closes the connection when aborted mid-stream", async () => {
    const { open, streams } = fakeOpen([EVENTS, { chunkSizes: [64], slow: true, end: false }]);
    const controller = new AbortController();
    const actions: string[] = [];
    const subscription = await new DockerClient(open).events({ signal: controller.signal }, (e) => {
      actions.push(e.Action);
      controller.abort();
    });
    await expect(subscription.done).rejects.toMatchObject({ name: "AbortError" });
    expect(actions).toEqual(["create"]);
    expect(streams[0]?.isClosed).toBe(true);
  });

  it("rejects done with the listener's error and stops reading", async () => {
    const { open, streams } = fakeOpen([EVENTS, { end: false }]);
    const subscription = await new DockerClient(open).events({}, () => {
      throw new Error("listener failed");
    });
    await expect(subscription.done).rejects.toThrow("listener failed");
    expect(streams[0]?.isClosed).toBe(true);
  });
});
