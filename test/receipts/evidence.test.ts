import { describe, expect, it } from "vitest";
import type { StepResult } from "../../src/exercise/evaluateStep.ts";
import {
  capEvidence,
  EVIDENCE_CHARS,
  EVIDENCE_LINES,
  stepEvidence,
} from "../../src/receipts/evidence.ts";

describe("step evidence", () => {
  it("is the passed assertions, each check's first one before any check's details", () => {
    const result: StepResult = {
      ok: true,
      checks: [
        {
          ok: true,
          title: "Image hello:v1",
          assertions: [
            { ok: true, message: "Image hello:v1 exists (id 3f2a91c07d1e)." },
            { ok: true, message: "hello:v1 has 3 layers." },
          ],
        },
        {
          ok: true,
          title: "Container web",
          assertions: [{ ok: true, message: "Container web is running." }],
        },
      ],
    };
    expect(stepEvidence(result)).toEqual([
      "Image hello:v1: Image hello:v1 exists (id 3f2a91c07d1e).",
      "Container web: Container web is running.",
      "Image hello:v1: hello:v1 has 3 layers.",
    ]);
  });

  it("is capped in lines and characters, long lines ending with an ellipsis", () => {
    const capped = capEvidence(Array.from({ length: 20 }, () => "x".repeat(1000)));
    expect(capped).toHaveLength(EVIDENCE_LINES);
    expect(capped[0]).toHaveLength(EVIDENCE_CHARS);
    expect(capped[0]!.endsWith("…")).toBe(true);
  });
});
