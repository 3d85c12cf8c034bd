import { describe, expect, it } from "vitest";
import { normalizeAnswer, type Quiz } from "../../src/content/quiz.ts";
import { judgeQuiz, rightAnswer } from "../../src/exercise/judgeQuiz.ts";

const ONE: Quiz = {
  kind: "multiple-choice",
  question: "What does `docker run IMAGE x` do with the CMD?",
  choices: [
    { text: "Replaces it with x", correct: true, feedback: "Arguments replace the CMD." },
    { text: "Appends x to it", correct: false, feedback: "They replace it, not add to it." },
    { text: "Ignores x", correct: false, feedback: "Docker passes arguments on." },
  ],
  multiple: false,
};

const SEVERAL: Quiz = {
  kind: "multiple-choice",
  question: "Which instructions add a layer?",
  choices: [
    { text: "RUN", correct: true },
    { text: "COPY", correct: true, feedback: "COPY adds the files it copies." },
    { text: "CMD", correct: false, feedback: "CMD only sets metadata." },
    { text: "ADD", correct: true },
    { text: "EXPOSE", correct: false, feedback: "EXPOSE only documents a port." },
  ],
  multiple: true,
};

const SHORT: Quiz = {
  kind: "short-answer",
  question: "Which command removes every dangling image?",
  answers: ["docker image prune", "docker image prune -f"],
  wrong: [{ answer: "Docker image prune -a", feedback: "-a removes every unused image." }],
  feedback: "Look at the last section again.",
};

describe("judgeQuiz", () => {
  it("takes the right choice, with why it is right", () => {
    expect(judgeQuiz(ONE, { choices: [0] })).toEqual({
      ok: true,
      feedback: ["Arguments replace the CMD."],
    });
  });

  it("explains a wrong choice with its own feedback", () => {
    expect(judgeQuiz(ONE, { choices: [1] })).toEqual({
      ok: false,
      feedback: ["They replace it, not add to it."],
    });
    expect(judgeQuiz(ONE, { choices: [2] }).feedback).toEqual(["Docker passes arguments on."]);
  });

  it("asks for an answer, or for only one, when one choice is right", () => {
    expect(judgeQuiz(ONE, { choices: [] })).toEqual({
      ok: false,
      feedback: ["Choose an answer first."],
    });
    expect(judgeQuiz(ONE, { choices: [0, 1] })).toEqual({
      ok: false,
      feedback: ["Choose only one answer."],
    });
    // Indexes that are no choice (a stale form) count as nothing selected.
    expect(judgeQuiz(ONE, { choices: [7, -1, 0.5] }).ok).toBe(false);
    // The same choice twice is still one choice.
    expect(judgeQuiz(ONE, { choices: [0, 0] }).ok).toBe(true);
  });

  it("wants every right choice, and no wrong one, when several are right", () => {
    expect(judgeQuiz(SEVERAL, { choices: [3, 1, 0] })).toEqual({
      ok: true,
      feedback: ["COPY adds the files it copies."],
    });
    expect(judgeQuiz(SEVERAL, { choices: [0, 1] })).toEqual({
      ok: false,
      feedback: [
        "What you selected is right, but one more choice is right too: select every right answer.",
      ],
    });
    expect(judgeQuiz(SEVERAL, { choices: [0] }).feedback).toEqual([
      "What you selected is right, but 2 more choices are right too: select every right answer.",
    ]);
    expect(judgeQuiz(SEVERAL, { choices: [] }).feedback).toEqual([
      "Select every right answer first.",
    ]);
  });

  it("explains each wrong choice among the selected ones, even beside right ones", () => {
    expect(judgeQuiz(SEVERAL, { choices: [0, 1, 2, 3, 4] })).toEqual({
      ok: false,
      feedback: ["CMD only sets metadata.", "EXPOSE only documents a port."],
    });
    expect(judgeQuiz(SEVERAL, { choices: [4, 0] }).feedback).toEqual([
      "EXPOSE only documents a port.",
    ]);
  });

  it("accepts a short answer after trimming, lowercasing and collapsing whitespace", () => {
    expect(judgeQuiz(SHORT, { text: "docker image prune" })).toEqual({ ok: true, feedback: [] });
    expect(judgeQuiz(SHORT, { text: "  Docker   IMAGE\tprune\n" }).ok).toBe(true);
    expect(judgeQuiz(SHORT, { text: "docker image prune -F" }).ok).toBe(true);
    // Nothing looser than that: a different word or flag is a different answer.
    expect(judgeQuiz(SHORT, { text: "docker images prune" }).ok).toBe(false);
    expect(judgeQuiz(SHORT, { text: "docker image prune --force" }).ok).toBe(false);
    expect(judgeQuiz(SHORT, { text: "docker image prune." }).ok).toBe(false);
  });

  it("answers a known wrong short answer with its own feedback, any other with the quiz's", () => {
    expect(judgeQuiz(SHORT, { text: "docker  image prune -A " })).toEqual({
      ok: false,
      feedback: ["-a removes every unused image."],
    });
    expect(judgeQuiz(SHORT, { text: "docker rmi" })).toEqual({
      ok: false,
      feedback: ["Look at the last section again."],
    });
    expect(judgeQuiz(SHORT, { text: " \n " })).toEqual({
      ok: false,
      feedback: ["Type an answer first."],
    });
  });

  it("refuses an answer of the other form (a bug, not a wrong answer)", () => {
    expect(() => judgeQuiz(ONE, { text: "Replaces it with x" })).toThrow(TypeError);
    expect(() => judgeQuiz(SHORT, { choices: [0] })).toThrow(TypeError);
  });

  it("reveals every right choice, or the first accepted answer, and that answer is right", () => {
    expect(rightAnswer(ONE)).toEqual({ choices: [0] });
    expect(rightAnswer(SEVERAL)).toEqual({ choices: [0, 1, 3] });
    expect(rightAnswer(SHORT)).toEqual({ text: "docker image prune" });
    for (const quiz of [ONE, SEVERAL, SHORT])
      expect(judgeQuiz(quiz, rightAnswer(quiz)).ok).toBe(true);
  });
});

describe("normalizeAnswer", () => {
  it("trims, lowercases and collapses any whitespace to one space", () => {
    expect(normalizeAnswer("  Docker\t\tImage \n Prune  ")).toBe("docker image prune");
    expect(normalizeAnswer("")).toBe("");
    expect(normalizeAnswer("ÉTAPE")).toBe("étape");
  });
});
