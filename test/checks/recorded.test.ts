// Checkers judged on what dockerd 20.10 in the sandbox really answered: the
// scene in recorded/scene.ts was built on the real VM and every answer the
// checks read was recorded (recorded/record.ts writes recorded/cassette.json).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSchema } from "../../src/checks/checkSchema.ts";
import { checkTitle } from "../../src/checks/checkTitle.ts";
import { evaluateCheck } from "../../src/checks/evaluateCheck.ts";
import { replayContext, type Recorded } from "./recorded/cassette.ts";
import { SCENE_CHECKS } from "./recorded/scene.ts";

const cassette = JSON.parse(
  readFileSync(new URL("./recorded/cassette.json", import.meta.url), "utf8"),
) as { recordedWith: string; tape: Recorded[] };

describe(`checks on answers recorded from ${cassette.recordedWith}`, () => {
  const ctx = replayContext(cassette.tape);
  it.each(
    SCENE_CHECKS.map((c, i) => [`${i + 1}. ${checkTitle(checkSchema.parse(c.check))}`, c] as const),
  )("%s", async (_title, { check, ok, failures = [] }) => {
    const result = await evaluateCheck(checkSchema.parse(check), ctx);
    const failed = result.assertions.filter((a) => !a.ok);
    expect(result.ok, failed.map((a) => a.message).join("\n")).toBe(ok);
    expect(failed).toHaveLength(failures.length);
    failures.forEach((text, i) => expect(failed[i]?.message).toContain(text));
    for (const a of failed) expect(a.hint, a.message).toBeTruthy();
  });
});
