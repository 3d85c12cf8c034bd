import { describe, expect, it } from "vitest";
import { startedSession } from "../session/startedSession.ts";
import { isQuizStep, parseLesson, type QuizStep } from "../../src/content/lesson.ts";
import { lessonCommands, stepRunsCommands } from "../../src/content/lessonCommands.ts";
import { REVEALED_EVIDENCE } from "../../src/receipts/evidence.ts";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { CheckState } from "../../src/state/CheckState.svelte.ts";
import { memoryKeyValueStore } from "../../src/state/keyValueStore.ts";
import { progressStore } from "../../src/state/progressStore.ts";

const QUIZ = `
\`\`\`step
id: quiz
quiz:
  question: Which file did you make?
  choices:
    - text: a.txt
      correct: true
    - text: b.txt
      feedback: That one comes next.
\`\`\`
`;

const SHORT_QUIZ = `
\`\`\`step
id: short
quiz:
  question: Which command lists containers?
  answers: [docker ps]
  wrong: [{ answer: docker images, feedback: That lists images. }]
  feedback: Think of ps, the process list.
\`\`\`
`;

/** A lesson of `blocks` (step blocks), each under a heading of its own. */
function lessonOf(id: string, ...blocks: string[]) {
  return parseLesson({
    dir: `lessons/01-a/01-${id}`,
    chapter: "a",
    source:
      `---\nid: ${id}\ntitle: ${id}\nsummary: Quiz.\nminutes: 5\n---\n` +
      blocks.map((block, i) => `\n## Step ${i + 1}\n${block}`).join(""),
  });
}

const fileStep = (id: string, file: string) => `
\`\`\`step
id: ${id}
checks:
  - kind: file
    path: ${file}
solution: touch ${file}
\`\`\`
`;

const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe("CheckState with quiz steps", () => {
  it("answers a quiz only in turn; the checks wait behind it and never evaluate it", async () => {
    const lesson = lessonOf("mixed", fileStep("write", "a.txt"), QUIZ, fileStep("after", "b.txt"));
    const [write, quiz, after] = lesson.steps as [
      (typeof lesson.steps)[0],
      QuizStep,
      (typeof lesson.steps)[0],
    ];
    const store = progressStore(memoryKeyValueStore());
    const checks = new CheckState(store, { debounceMs: 5 });
    checks.setLesson(lesson);
    // Not its turn yet: the step before it has not passed.
    expect(checks.answerQuiz(quiz, { choices: [0] })).toBeNull();
    expect(checks.status(quiz)).toBe("pending");

    // b.txt is there already, but the step that checks it comes after the quiz.
    const rt = new FakeRuntime({ files: { "a.txt": "x", "b.txt": "x" } });
    await checks.attach(await startedSession(rt));
    await checks.checkNow();
    expect(checks.status(write)).toBe("passed");
    expect(checks.currentStep?.id).toBe("quiz");
    expect(checks.status(quiz)).toBe("pending");
    expect(checks.result(quiz)).toBeNull();
    expect(checks.status(after)).toBe("pending");
    expect(checks.result(after)).toBeNull();
    // A workspace change while the quiz is current checks nothing.
    const runs = checks.runs;
    checks.noticeWorkspaceChange();
    await settle();
    expect(checks.runs).toBe(runs);

    // Wrong: its feedback, another try allowed, nothing stored.
    expect(checks.answerQuiz(quiz, { choices: [1] })).toEqual({
      ok: false,
      feedback: ["That one comes next."],
    });
    expect(checks.status(quiz)).toBe("failed");
    expect(checks.quizTry(quiz)).toEqual({ feedback: ["That one comes next."], tries: 1 });
    checks.answerQuiz(quiz, { choices: [1] });
    expect(checks.quizTry(quiz)?.tries).toBe(2);
    expect(Object.keys((await store.load()).lessons.mixed?.steps ?? {})).toEqual(["write"]);

    // Right: passed like a step whose checks passed, and the next step is checked at once.
    expect(checks.answerQuiz(quiz, { choices: [0] })?.ok).toBe(true);
    expect(checks.status(quiz)).toBe("passed");
    expect(checks.quizTry(quiz)).toBeNull();
    expect(checks.evidence(quiz)).toEqual(["Quiz answer: a.txt"]);
    await settle();
    expect(checks.status(after)).toBe("passed");
    const stored = (await store.load()).lessons.mixed?.steps ?? {};
    expect(Object.keys(stored)).toEqual(["write", "quiz", "after"]);
    expect(stored.quiz).toEqual({
      passedAt: expect.stringMatching(/^\d{4}-/),
      evidence: ["Quiz answer: a.txt"],
    });
    // A passed quiz cannot be answered again.
    expect(checks.answerQuiz(quiz, { choices: [1] })).toBeNull();
    expect(checks.status(quiz)).toBe("passed");
    checks.dispose();
  });

  it("works with no sandbox at all, and a reload still shows the answer given", async () => {
    const lesson = lessonOf("short-first", SHORT_QUIZ, fileStep("after", "b.txt"));
    const quiz = lesson.steps[0] as QuizStep;
    const kv = memoryKeyValueStore();
    const checks = new CheckState(progressStore(kv), { debounceMs: 5 });
    checks.setLesson(lesson);
    expect(checks.answerQuiz(quiz, { text: "docker images" })?.feedback).toEqual([
      "That lists images.",
    ]);
    expect(checks.answerQuiz(quiz, { text: "docker run" })?.feedback).toEqual([
      "Think of ps, the process list.",
    ]);
    expect(checks.answerQuiz(quiz, { text: "  Docker   PS " })?.ok).toBe(true);
    expect(checks.currentStep?.id).toBe("after");
    await settle();
    checks.dispose();

    const reloaded = new CheckState(progressStore(kv));
    await reloaded.load();
    reloaded.setLesson(lesson);
    expect(reloaded.status(quiz)).toBe("passed");
    // The learner's own words, whitespace collapsed like all evidence.
    expect(reloaded.evidence(quiz)).toEqual(["Quiz answer: Docker PS"]);
    reloaded.dispose();
  });

  it("notes in the evidence that Show me revealed the answer, and Reset lesson forgets it", async () => {
    const lesson = lessonOf("revealed", QUIZ);
    const quiz = lesson.steps[0] as QuizStep;
    const checks = new CheckState(progressStore(memoryKeyValueStore()));
    checks.setLesson(lesson);
    checks.answerQuiz(quiz, { choices: [1] });
    checks.revealAnswer(quiz);
    expect(checks.answerRevealed(quiz)).toBe(true);
    checks.answerQuiz(quiz, { choices: [0] });
    expect(checks.evidence(quiz)).toEqual(["Quiz answer: a.txt", REVEALED_EVIDENCE]);

    await checks.forgetLesson("revealed");
    expect(checks.status(quiz)).toBe("pending");
    expect(checks.answerRevealed(quiz)).toBe(false);
    expect(checks.evidence(quiz)).toEqual([]);
    checks.answerQuiz(quiz, { choices: [1] });
    expect(checks.status(quiz)).toBe("failed");
    // Another lesson starts with no wrong answers shown.
    checks.setLesson(lessonOf("other", QUIZ));
    expect(checks.status(quiz)).toBe("pending");
    checks.dispose();
  });

  it("never lists a quiz among what a lesson from a link would run", () => {
    const lesson = lessonOf("consent", QUIZ, fileStep("after", "b.txt"));
    const [quiz] = lesson.steps;
    expect(quiz && isQuizStep(quiz) && stepRunsCommands(quiz)).toBe(false);
    expect(lessonCommands(lesson)).toEqual([]);
  });
});
