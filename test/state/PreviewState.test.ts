import { describe, expect, it } from "vitest";
import { startedSession } from "../session/startedSession.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import type { ContainerSummary } from "../../src/runtime/docker/types.ts";
import { PreviewState, publishedPorts } from "../../src/state/PreviewState.svelte.ts";

const container = (over: Partial<ContainerSummary>): ContainerSummary =>
  ({
    Id: "0123456789abcdef",
    Names: ["/web"],
    Image: "nginx",
    State: "running",
    Ports: [],
    ...over,
  }) as ContainerSummary;

describe("publishedPorts", () => {
  it("lists running containers' published TCP ports once each, in order", () => {
    const ports = publishedPorts([
      container({
        Ports: [
          { IP: "0.0.0.0", PrivatePort: 80, PublicPort: 4000, Type: "tcp" },
          { IP: "::", PrivatePort: 80, PublicPort: 4000, Type: "tcp" },
          { PrivatePort: 443, Type: "tcp" },
          { IP: "0.0.0.0", PrivatePort: 53, PublicPort: 5353, Type: "udp" },
        ],
      }),
      container({
        Names: ["/redis"],
        Image: "redis",
        Ports: [{ PrivatePort: 6379, PublicPort: 3000, Type: "tcp" }],
      }),
      container({
        Names: ["/old"],
        State: "exited",
        Ports: [{ PrivatePort: 80, PublicPort: 8080, Type: "tcp" }],
      }),
    ]);
    expect(ports).toEqual([
      { hostPort: 3000, containerPort: 6379, container: "redis", image: "redis" },
      { hostPort: 4000, containerPort: 80, container: "web", image: "nginx" },
    ]);
  });
});

describe("PreviewState", () => {
  it("follows the containers of an attached runtime and builds viewer URLs on the preview origin", async () => {
    let containers: ContainerSummary[] = [];
    const runtime = new FakeRuntime({
      docker: (r) =>
        r.path.includes("/containers/json")
          ? { status: 200, json: containers }
          : { status: 200, body: "" },
    });
    const preview = new PreviewState("http://127.0.0.1:5173", { debounceMs: 1 });
    containers = [
      container({ Ports: [{ IP: "0.0.0.0", PrivatePort: 80, PublicPort: 4000, Type: "tcp" }] }),
    ];
    preview.attach(await startedSession(runtime));
    await expect.poll(() => preview.ports.map((p) => p.hostPort)).toEqual([4000]);
    // The fake's event stream ends at once, like a dockerd restart: the state lists again.
    containers = [];
    await expect.poll(() => preview.ports.length).toBe(0);
    preview.open(4000);
    expect(preview.openPort).toBe(4000);
    expect(preview.viewerUrl(4000)).toBe(
      `http://127.0.0.1:5173/preview.html?view=${preview.view}&port=4000`,
    );
    expect(preview.newTabUrl(4000)).not.toContain(`view=${preview.view}&`);
    preview.detach();
    expect(preview.ports).toEqual([]);
  });

  it("has no viewer without a preview origin", () => {
    expect(new PreviewState(null).viewerUrl(4000)).toBeNull();
  });
});
