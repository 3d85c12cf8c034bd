import { describe, expect, it } from "vitest";
import type { DockerEvent } from "../../src/runtime/docker/types.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { Disposables } from "../../src/session/Disposables.ts";
import { SandboxSession } from "../../src/session/SandboxSession.ts";
import { fakeEvents } from "./fakeEvents.ts";

const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe("SandboxSession", () => {
  it("opens ONE Docker event stream per run and hands every event to every subscriber", async () => {
    const rt = new FakeRuntime();
    const events = fakeEvents(rt);
    const session = new SandboxSession();
    const seen: string[][] = [[], [], []];
    for (const list of seen) session.on("docker", (e: DockerEvent) => list.push(e.Action));
    await session.begin(rt);
    await session.dockerFollowing;
    events.emit("start");
    events.emit("die");
    expect(events.streams.length).toBe(1);
    expect(seen).toEqual([
      ["start", "die"],
      ["start", "die"],
      ["start", "die"],
    ]);
  });

  it("subscribes again after the stream ends (dockerd restarted) and says events were missed", async () => {
    const rt = new FakeRuntime();
    const events = fakeEvents(rt);
    const session = new SandboxSession({ retryMs: 5 });
    const subscribed: boolean[] = [];
    session.on("dockerSubscribed", ({ again }) => subscribed.push(again));
    await session.begin(rt);
    await settle();
    events.streams[0]!.end();
    await settle(40);
    expect(events.streams.length).toBe(2);
    expect(subscribed).toEqual([false, true]);
  });

  it("runs the start-up work in order, and a stop closes the stream and what the run set up", async () => {
    const rt = new FakeRuntime();
    const events = fakeEvents(rt);
    const session = new SandboxSession({ retryMs: 5 });
    const order: string[] = [];
    session.on("started", () => order.push("started"));
    session.onStart(async () => {
      await settle(5);
      order.push("files");
    });
    session.onStart(() => void order.push("setup"));
    session.on("stopping", () => order.push("stopping"));
    await session.begin(rt);
    let undone = false;
    session.run.add(() => (undone = true));
    expect(order).toEqual(["started", "files", "setup"]);
    session.end();
    expect(order.at(-1)).toBe("stopping");
    expect(undone).toBe(true);
    expect(session.runtime).toBeNull();
    await settle(30);
    // The stream was closed, not followed again.
    expect(events.streams.length).toBe(1);
  });

  it("a start-up step of a run that already stopped does not run", async () => {
    const session = new SandboxSession();
    const ran: string[] = [];
    session.onStart(async () => {
      await settle(5);
      session.end();
    });
    session.onStart(() => void ran.push("late"));
    fakeEvents(new FakeRuntime());
    await session.begin(new FakeRuntime());
    expect(ran).toEqual([]);
  });
});

describe("Disposables", () => {
  it("undoes everything newest first, once, and undoes late additions at once", () => {
    const store = new Disposables();
    const order: number[] = [];
    store.add(() => order.push(1));
    store.add({ dispose: () => order.push(2) });
    store.add(() => {
      throw new Error("one failing undo does not stop the rest");
    });
    const error = console.error;
    console.error = () => {};
    store.dispose();
    store.dispose();
    console.error = error;
    expect(order).toEqual([2, 1]);
    store.add(() => order.push(3));
    expect(order).toEqual([2, 1, 3]);
  });
});
