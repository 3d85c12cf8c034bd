import { describe, expect, it } from "vitest";
import { parseLesson, type QuizStep } from "../../src/content/lesson.ts";
import { buildReceipt } from "../../src/receipts/buildReceipt.ts";
import { expandReceipt, compactReceipt } from "../../src/receipts/compactReceipt.ts";
import {
  EVIDENCE_CHARS,
  quizAnswersIn,
  quizEvidence,
  REVEALED_EVIDENCE,
} from "../../src/receipts/evidence.ts";
import { parseReceipt } from "../../src/receipts/parseReceipt.ts";
import { CheckState } from "../../src/state/CheckState.svelte.ts";

const lesson = parseLesson({
  dir: "lessons/01-a/01-quiz",
  chapter: "a",
  source: `---
id: quiz-lesson
title: Quiz lesson
summary: Two questions.
minutes: 5
---

## Layers

\`\`\`step
id: layers
quiz:
  question: Which instructions add a layer?
  choices:
    - { text: RUN, correct: true }
    - { text: COPY, correct: true }
    - { text: CMD, feedback: CMD only sets metadata. }
\`\`\`

## Prune

\`\`\`step
id: prune
quiz:
  question: Which command removes the dangling images?
  answers: [docker image prune]
  feedback: Look again.
\`\`\`
`,
});
const [layers, prune] = lesson.steps as [QuizStep, QuizStep];

function receiptOf(checks: CheckState) {
  return buildReceipt({
    progress: checks.progress,
    lessons: [lesson],
    course: { id: "built-in", title: "T", origin: "built-in" },
    learner: "Ada",
    madeAt: "2026-12-08T10:00:00.000Z",
    build: { app: "0.1.0", vm: null },
  });
}

describe("quiz steps in progress receipts", () => {
  it("lists quiz steps like any step, with the answer given as evidence", async () => {
    const checks = new CheckState(null);
    checks.setLesson(lesson);
    checks.answerQuiz(layers, { choices: [2] });
    checks.answerQuiz(layers, { choices: [1, 0] });
    const receipt = receiptOf(checks);
    expect(receipt.lessons).toEqual([
      {
        id: "quiz-lesson",
        title: "Quiz lesson",
        steps: [
          {
            id: "layers",
            passedAt: expect.stringMatching(/^\d{4}-/),
            evidence: ["Quiz answer: RUN", "Quiz answer: COPY"],
          },
          { id: "prune", passedAt: null, evidence: [] },
        ],
      },
    ]);
    // It survives the file, and the QR code's compact form (which keeps a step's first line).
    expect(parseReceipt(JSON.stringify(receipt))).toEqual(receipt);
    const compact = await expandReceipt(await compactReceipt(receipt));
    expect(compact.lessons[0]?.steps[0]?.evidence).toEqual(["Quiz answer: RUN"]);
    checks.dispose();
  });

  it("caps a typed answer like any evidence, and reads the answers back for the card", () => {
    const long = `docker image prune ${"x".repeat(500)}`;
    const evidence = quizEvidence(prune.quiz, { text: long }, true);
    expect(evidence).toHaveLength(2);
    expect(evidence[0]).toHaveLength(EVIDENCE_CHARS);
    expect(evidence[0]).toMatch(/^Quiz answer: docker image prune x+…$/);
    expect(evidence[1]).toBe(REVEALED_EVIDENCE);
    expect(quizAnswersIn(evidence)).toEqual([evidence[0]!.slice("Quiz answer: ".length)]);
    expect(quizAnswersIn(["Container web: Container web exists."])).toEqual([]);
  });
});
