import { describe, expect, it } from "vitest";
import type { DockerClient } from "../../../src/runtime/docker/DockerClient.ts";
import { followEvents } from "../../../src/runtime/docker/followEvents.ts";

const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** A daemon whose first subscription fails (restarting), then streams until ended or closed. */
function restartingDaemon() {
  const streams: { end: () => void; closed: boolean }[] = [];
  let calls = 0;
  const docker = {
    events: async () => {
      if (calls++ === 0) throw new Error("connect: no such file (dockerd is restarting)");
      let end!: () => void;
      const done = new Promise<void>((r) => (end = r));
      const stream = { end, closed: false };
      streams.push(stream);
      return { close: () => ((stream.closed = true), end()), done };
    },
  } as unknown as DockerClient;
  return { docker, streams };
}

describe("followEvents", () => {
  it("subscribes again after a failure and after the stream ends, and closes on abort", async () => {
    const { docker, streams } = restartingDaemon();
    const abort = new AbortController();
    const subscribed: boolean[] = [];
    let firstAttempts = 0;
    void followEvents(
      docker,
      {
        signal: abort.signal,
        retryMs: 5,
        onSubscribed: (again) => subscribed.push(again),
        onFirstAttempt: () => firstAttempts++,
      },
      () => {},
    );
    await settle(40);
    expect(streams).toHaveLength(1); // after the failed first try
    streams[0]!.end(); // `service docker restart`
    await settle(60);
    expect(streams).toHaveLength(2);
    expect(subscribed).toEqual([false, true]);
    expect(firstAttempts).toBe(1);
    abort.abort();
    expect(streams[1]!.closed).toBe(true);
    await settle(60);
    expect(streams).toHaveLength(2);
  });
});
