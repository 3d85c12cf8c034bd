import { buildReceipt } from "../../src/receipts/buildReceipt.ts";
import type { Receipt } from "../../src/receipts/receiptSchema.ts";
import type { Progress } from "../../src/state/progressStore.ts";

/** Two lessons of two steps each, as the app's lessons look to a receipt. */
export const LESSONS = [
  { id: "welcome", title: "Welcome", steps: [{ id: "first-container" }, { id: "first-image" }] },
  { id: "run-options", title: "Run options", steps: [{ id: "detach" }, { id: "ports" }] },
];

/** A receipt of a learner who passed `passed` ("lesson/step") at 10:00 UTC. */
export function receiptOf(
  learner: string | null,
  passed: string[],
  madeAt = "2026-12-06T10:30:00.000Z",
): Receipt {
  const progress: Progress = { format: "docker-sandbox-progress", version: 1, lessons: {} };
  for (const path of passed) {
    const [lesson, step] = path.split("/") as [string, string];
    (progress.lessons[lesson] ??= { steps: {} }).steps[step] = {
      passedAt: "2026-12-06T10:00:00.000Z",
      evidence: [`Container web: Container web is running (${step}).`],
    };
  }
  return buildReceipt({
    progress,
    lessons: LESSONS,
    course: { id: "built-in", title: "Docker, hands on", origin: "built-in" },
    learner,
    madeAt,
    build: { app: "0.1.0", vm: "188099a4754d34d7" },
  });
}
