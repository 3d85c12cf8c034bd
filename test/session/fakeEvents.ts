import type { EventSubscription } from "../../src/runtime/docker/DockerClient.ts";
import type { DockerEvent } from "../../src/runtime/docker/types.ts";
import type { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";

/** A Docker event stream the test drives: `emit` sends, `end` ends it as a daemon restart does. */
export function fakeEvents(rt: FakeRuntime) {
  const streams: { onEvent: (e: DockerEvent) => void; end: () => void }[] = [];
  rt.docker.events = async (_options, onEvent) => {
    let end!: () => void;
    const done = new Promise<void>((r) => (end = r));
    streams.push({ onEvent, end });
    const subscription: EventSubscription = { close: end, done };
    return subscription;
  };
  const event = (Action: string): DockerEvent => ({
    Type: "container",
    Action,
    Actor: { ID: "c1", Attributes: { name: "web" } },
    time: 0,
    timeNano: 0,
  });
  return {
    streams,
    emit: (action: string) => streams.at(-1)?.onEvent(event(action)),
  };
}
