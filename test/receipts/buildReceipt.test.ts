import { describe, expect, it } from "vitest";
import { buildReceipt, receiptFileName } from "../../src/receipts/buildReceipt.ts";
import { RECEIPT_NOTICE } from "../../src/receipts/receiptSchema.ts";
import { parseReceipt } from "../../src/receipts/parseReceipt.ts";
import { LESSONS, receiptOf } from "./receiptFixtures.ts";

describe("a progress receipt", () => {
  it("lists every lesson and step in course order, with when each passed and its evidence", () => {
    const receipt = receiptOf("  Ada Lovelace ", ["welcome/first-container"]);
    expect(receipt).toMatchObject({
      format: "docker-sandbox-progress-receipt",
      version: 1,
      notice: RECEIPT_NOTICE,
      course: { id: "built-in", title: "Docker, hands on", origin: "built-in" },
      learner: "Ada Lovelace",
      madeAt: "2026-12-06T10:30:00.000Z",
      build: { app: "0.1.0", vm: "188099a4754d34d7" },
    });
    expect(receipt.lessons.map((l) => [l.id, l.steps.map((s) => [s.id, s.passedAt])])).toEqual([
      [
        "welcome",
        [
          ["first-container", "2026-12-06T10:00:00.000Z"],
          ["first-image", null],
        ],
      ],
      [
        "run-options",
        [
          ["detach", null],
          ["ports", null],
        ],
      ],
    ]);
    expect(receipt.lessons[0]!.steps[0]!.evidence).toEqual([
      "Container web: Container web is running (first-container).",
    ]);
  });

  it("says plainly that it is a record, not a proof", () => {
    expect(RECEIPT_NOTICE).toMatch(/record, not a proof.*anyone can edit/);
  });

  it("keeps progress of a lesson the course no longer has, after the course's lessons", () => {
    const receipt = buildReceipt({
      progress: {
        lessons: { "old-lesson": { steps: { done: { passedAt: "2026-12-01T00:00:00.000Z" } } } },
      },
      lessons: LESSONS,
      course: { id: "built-in", title: "T", origin: "built-in" },
      madeAt: "2026-12-06T10:30:00.000Z",
      build: { app: "0.1.0", vm: null },
    });
    expect(receipt.learner).toBeNull();
    expect(receipt.lessons.at(-1)).toEqual({
      id: "old-lesson",
      title: "old-lesson",
      steps: [{ id: "done", passedAt: "2026-12-01T00:00:00.000Z", evidence: [] }],
    });
  });

  it("reads back as what was written", () => {
    const receipt = receiptOf("Ada", ["welcome/first-container", "welcome/first-image"]);
    expect(parseReceipt(JSON.stringify(receipt))).toEqual(receipt);
  });

  it("is named after the learner, safely for any file system", () => {
    expect(receiptFileName(receiptOf("Zoë O'Brien", []))).toBe("Zoë-O-Brien-progress.json");
    expect(receiptFileName(receiptOf("../../etc", []))).toBe("etc-progress.json");
    expect(receiptFileName(receiptOf(null, []))).toBe("learner-progress.json");
  });
});
