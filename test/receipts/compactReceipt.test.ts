import { describe, expect, it } from "vitest";
import {
  compactReceipt,
  expandReceipt,
  MAX_COMPACT_CHARS,
  rosterLink,
} from "../../src/receipts/compactReceipt.ts";
import { buildReceipt } from "../../src/receipts/buildReceipt.ts";
import { ReceiptError } from "../../src/receipts/parseReceipt.ts";
import type { Progress } from "../../src/state/progressStore.ts";
import { receiptOf } from "./receiptFixtures.ts";

describe("a receipt's compact form (QR code)", () => {
  it("round-trips ids, times to the second, and the first evidence line shortened", async () => {
    const receipt = receiptOf("Ada", ["welcome/first-container", "welcome/first-image"]);
    const expanded = await expandReceipt(await compactReceipt(receipt));
    expect(expanded.learner).toBe("Ada");
    expect(expanded.course).toEqual(receipt.course);
    expect(expanded.build).toEqual(receipt.build);
    expect(expanded.madeAt).toBe(receipt.madeAt);
    // The lessons reached: those with a pass and the one after them.
    expect(expanded.lessons.map((l) => l.id)).toEqual(["welcome", "run-options"]);
    expect(expanded.lessons[0]!.steps[1]).toEqual({
      id: "first-image",
      passedAt: "2026-12-06T10:00:00.000Z",
      evidence: ["Container web: Container web is running…"],
    });
    expect(expanded.lessons[1]!.steps.map((s) => s.passedAt)).toEqual([null, null]);
  });

  it("fits a QR code for a whole course done, leaving evidence out when it must", async () => {
    const lessons = Array.from({ length: 40 }, (_, l) => ({
      id: `lesson-number-${l}`,
      title: `Lesson ${l}`,
      steps: Array.from({ length: 4 }, (_, s) => ({ id: `a-step-called-${s}` })),
    }));
    const progress: Progress = { format: "docker-sandbox-progress", version: 1, lessons: {} };
    for (const lesson of lessons) {
      progress.lessons[lesson.id] = {
        steps: Object.fromEntries(
          lesson.steps.map((s, i) => [
            s.id,
            {
              passedAt: new Date(Date.UTC(2026, 11, 6, 9, i * 7)).toISOString(),
              evidence: [`Image hello:v${i}: exists (id ${Math.random().toString(16).slice(2)})`],
            },
          ]),
        ),
      };
    }
    const receipt = buildReceipt({
      progress,
      lessons,
      course: { id: "built-in", title: "Docker, hands on", origin: "built-in" },
      learner: "Ada",
      madeAt: "2026-12-06T12:00:00.000Z",
      build: { app: "0.1.0", vm: "188099a4754d34d7" },
    });
    const compact = await compactReceipt(receipt);
    expect(compact.length).toBeLessThanOrEqual(MAX_COMPACT_CHARS);
    const expanded = await expandReceipt(compact);
    expect(expanded.lessons).toHaveLength(40);
    expect(expanded.lessons.every((l) => l.steps.every((s) => s.passedAt))).toBe(true);
  });

  it("is carried in the fragment of a link to the roster next to the app", () => {
    expect(rosterLink("r1.abc_-", "https://learn.example.org/app/index.html?lesson=x")).toBe(
      "https://learn.example.org/app/roster.html#r1.abc_-",
    );
  });

  it("refuses a damaged or foreign fragment with a clear error", async () => {
    await expect(expandReceipt("hello")).rejects.toThrow(ReceiptError);
    await expect(expandReceipt("r1.!!!")).rejects.toThrow(/damaged/);
    await expect(expandReceipt("r1.AAAA")).rejects.toThrow(/damaged/);
    await expect(expandReceipt("r1." + "A".repeat(MAX_COMPACT_CHARS * 2))).rejects.toThrow(
      /too long/,
    );
  });

  it("refuses a small fragment that inflates into a flood", async () => {
    const bomb = new Blob(["[" + "0,".repeat(200_000) + "0]"])
      .stream()
      .pipeThrough(new CompressionStream("deflate-raw"));
    const bytes = new Uint8Array(await new Response(bomb).arrayBuffer());
    const text = "r1." + Buffer.from(bytes).toString("base64url");
    expect(text.length).toBeLessThan(MAX_COMPACT_CHARS * 2);
    await expect(expandReceipt(text)).rejects.toThrow(/too much/);
  });
});
