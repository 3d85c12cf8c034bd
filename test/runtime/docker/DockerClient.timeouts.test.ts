import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DockerClient } from "../../../src/runtime/docker/DockerClient.ts";
import { TimeoutError } from "../../../src/runtime/Runtime.ts";
import { FakeStream } from "./fakeStream.ts";
import { track } from "../track.ts";

/** A daemon that accepts connections and never answers. */
function silentDaemon() {
  const streams: FakeStream[] = [];
  const open = async () => {
    const stream = new FakeStream();
    streams.push(stream);
    return stream;
  };
  return { client: new DockerClient(open), streams };
}

describe("DockerClient time limits", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it("gives up on a request after 60 s by default, naming it, and closes the connection", async () => {
    const { client, streams } = silentDaemon();
    const ping = track(client.ping());
    await vi.advanceTimersByTimeAsync(59_000);
    expect(ping.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(ping.error).toBeInstanceOf(TimeoutError);
    expect((ping.error as Error).message).toBe(
      "Docker Engine API GET /_ping: no answer within 60 s",
    );
    expect(streams[0]!.isClosed).toBe(true);
  });

  it("applies the same default to JSON requests and container logs", async () => {
    const { client } = silentDaemon();
    const list = track(client.listContainers({ all: true }));
    const logs = track(client.containerLogs("web"));
    await vi.advanceTimersByTimeAsync(60_000);
    expect((list.error as Error).message).toMatch(/GET \/containers\/json: no answer within 60 s/);
    expect((logs.error as Error).message).toMatch(/GET \/containers\/web\/logs: no answer/);
  });

  it("takes the caller's timeoutMs and signal instead", async () => {
    const { client } = silentDaemon();
    const quick = track(client.info({ timeoutMs: 2_000 }));
    const unlimited = track(client.version({ timeoutMs: Infinity }));
    const abort = new AbortController();
    const aborted = track(client.listImages({ signal: abort.signal }));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(quick.error).toBeInstanceOf(TimeoutError);
    abort.abort();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect((aborted.error as Error).name).toBe("AbortError");
    expect(unlimited.settled).toBe(false);
  });

  it("sets no limit on an events subscription", async () => {
    const { client } = silentDaemon();
    const subscribing = track(client.events({}, () => {}));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(subscribing.settled).toBe(false);
  });
});
