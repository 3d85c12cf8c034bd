import { describe, expect, it } from "vitest";
import { parseCheck } from "../../src/checks/parseCheck.ts";
import { rerunTriggers } from "../../src/checks/rerunTriggers.ts";

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
