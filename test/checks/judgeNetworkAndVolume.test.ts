import { describe, expect, it } from "vitest";
import { judgeNetwork } from "../../src/checks/network/judgeNetwork.ts";
import { networkCheckSchema } from "../../src/checks/network/networkCheckSchema.ts";
import { judgeVolume } from "../../src/checks/volume/judgeVolume.ts";
import { volumeCheckSchema } from "../../src/checks/volume/volumeCheckSchema.ts";
import { fixtures } from "./fixtures.ts";

const network = (definition: Record<string, unknown>) =>
  networkCheckSchema.parse({ kind: "network", name: "appnet", ...definition });
const volume = (definition: Record<string, unknown>) =>
  volumeCheckSchema.parse({ kind: "volume", name: "data", ...definition });

describe("judgeNetwork on a recorded network inspect", () => {
  it("checks the driver and the attached containers", () => {
    expect(
      judgeNetwork(network({ driver: "bridge", containers: ["web", "redis"] }), {
        network: fixtures.appnet(),
      }),
    ).toEqual([
      { ok: true, message: "Network appnet exists (driver bridge)." },
      { ok: true, message: "Network appnet uses the bridge driver." },
      { ok: true, message: "Container web is attached to appnet." },
      {
        ok: false,
        message: "Container redis is not attached to appnet (attached: web).",
        hint: expect.stringContaining("docker network connect appnet redis"),
      },
    ]);
  });

  it("says how to create a missing network, and how to remove one that must go", () => {
    expect(judgeNetwork(network({ driver: "bridge" }), { network: null })).toEqual([
      {
        ok: false,
        message: "There is no network appnet.",
        hint: expect.stringContaining("docker network create appnet"),
      },
    ]);
    expect(judgeNetwork(network({ exists: false }), { network: fixtures.appnet() })).toEqual([
      {
        ok: false,
        message: "Network appnet still exists.",
        hint: expect.stringContaining("docker network rm appnet"),
      },
    ]);
  });

  it("tells an internal network from a normal one", () => {
    expect(judgeNetwork(network({ internal: true }), { network: fixtures.appnet() })[1]).toEqual({
      ok: false,
      message: "Network appnet is not internal, expected internal.",
      hint: "Remove it and create it again with --internal.",
    });
  });
});

describe("judgeVolume on a recorded volume inspect and container list", () => {
  it("checks which containers use the volume", () => {
    expect(
      judgeVolume(volume({ driver: "local", usedBy: ["web", "db"] }), {
        volume: fixtures.dataVolume(),
        users: fixtures.containersUsingData(),
      }),
    ).toEqual([
      { ok: true, message: "Volume data exists." },
      { ok: true, message: "Volume data uses the local driver." },
      { ok: true, message: "Container web uses volume data." },
      {
        ok: false,
        message: "Container db does not use volume data (used by: web).",
        hint: expect.stringContaining("-v data:/path/in/container"),
      },
    ]);
  });

  it("says how to create a missing volume", () => {
    expect(judgeVolume(volume({}), { volume: null })).toEqual([
      {
        ok: false,
        message: "There is no volume data.",
        hint: expect.stringContaining("docker volume create data"),
      },
    ]);
  });
});
