import { describe, expect, it } from "vitest";
import { parseCheck } from "../../src/checks/parseCheck.ts";
import { isObservingEvent, rerunTriggers } from "../../src/checks/rerunTriggers.ts";

function check(definition: unknown) {
  const result = parseCheck(definition);
  if (!result.ok) throw new Error(result.problems.join("\n"));
  return result.check;
}

describe("rerunTriggers", () => {
  it("re-runs a file check on saves of its file only", () => {
    expect(rerunTriggers(check({ kind: "file", path: "Dockerfile" }))).toEqual({
      dockerEvents: [],
      workspacePaths: ["Dockerfile"],
    });
  });

  it("re-runs Engine API checks on the Docker events that can change them", () => {
    expect(rerunTriggers(check({ kind: "image", ref: "hello" })).dockerEvents).toEqual(["image"]);
    expect(rerunTriggers(check({ kind: "volume", name: "data" })).dockerEvents).toContain(
      "container",
    );
    expect(rerunTriggers(check({ kind: "registry", repository: "hello" })).dockerEvents).toContain(
      "image",
    );
  });
});

describe("isObservingEvent", () => {
  const event = (Type: string, Action: string) => ({ Type, Action });
  it("knows the events a check's own docker exec, top or cp causes", () => {
    expect(isObservingEvent(event("container", "exec_start: sh -c cat /data/x"))).toBe(true);
    expect(isObservingEvent(event("container", "exec_die"))).toBe(true);
    expect(isObservingEvent(event("container", "top"))).toBe(true);
  });
  it("lets everything that changes state through", () => {
    expect(isObservingEvent(event("container", "start"))).toBe(false);
    expect(isObservingEvent(event("container", "extract-to-dir"))).toBe(false);
    expect(isObservingEvent(event("image", "tag"))).toBe(false);
  });
});
