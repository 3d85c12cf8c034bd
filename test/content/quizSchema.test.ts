import { describe, expect, it } from "vitest";
import { isQuizStep, LessonFormatError, parseLesson } from "../../src/content/lesson.ts";
import { stepSchema } from "../../src/content/lessonSchema.ts";

/** A lesson whose only step block is `step` (YAML); the block starts on line 10. */
function lessonWith(step: string) {
  return parseLesson({
    dir: "lessons/01-a/01-quiz",
    chapter: "a",
    source: `---
id: quiz
title: Quiz
summary: A question.
minutes: 5
---

## Think

\`\`\`step
${step}
\`\`\`

That was the question.
`,
  });
}

/** The problems parseLesson reports for a lesson whose only step is `step`, without "line N: ". */
function problems(step: string): string[] {
  try {
    lessonWith(step);
  } catch (error) {
    if (error instanceof LessonFormatError)
      return error.problems.map((p) => p.replace(/^line \d+: /, ""));
    throw error;
  }
  return [];
}

const CHOICE = `
id: layers
quiz:
  question: Which instruction adds **no** layer?
  choices:
    - text: "\`CMD\`"
      correct: true
      feedback: It only sets metadata.
    - text: "\`COPY\`"
      feedback: COPY adds files, so it adds a layer.
`;

const SHORT = `
id: prune
quiz:
  question: Which command removes every dangling image?
  answers: [docker image prune, docker image prune -f]
  wrong:
    - answer: docker image prune -a
      feedback: That removes every unused image, tagged or not.
  feedback: Look at the last section again.
hints: [It is a docker image subcommand.]
`;

describe("quiz steps in the lesson schema", () => {
  it("reads a multiple-choice quiz: radio buttons for one right choice, checkboxes for several", () => {
    const [step] = lessonWith(CHOICE).steps;
    expect(step && isQuizStep(step)).toBe(true);
    expect(step).toEqual({
      id: "layers",
      title: "Think",
      hints: [],
      quiz: {
        kind: "multiple-choice",
        question: "Which instruction adds **no** layer?",
        choices: [
          { text: "`CMD`", correct: true, feedback: "It only sets metadata." },
          { text: "`COPY`", correct: false, feedback: "COPY adds files, so it adds a layer." },
        ],
        multiple: false,
      },
    });
    const two = lessonWith(
      CHOICE.replace("feedback: COPY adds", "correct: true\n      feedback: COPY adds"),
    );
    expect(two.steps[0]).toMatchObject({ quiz: { multiple: true } });
  });

  it("reads a short-answer quiz, with its known wrong answers and a step title of its own", () => {
    const [step] = lessonWith(`${SHORT}title: Clean up\n`).steps;
    expect(step).toEqual({
      id: "prune",
      title: "Clean up",
      hints: ["It is a docker image subcommand."],
      quiz: {
        kind: "short-answer",
        question: "Which command removes every dangling image?",
        answers: ["docker image prune", "docker image prune -f"],
        wrong: [
          {
            answer: "docker image prune -a",
            feedback: "That removes every unused image, tagged or not.",
          },
        ],
        feedback: "Look at the last section again.",
      },
    });
    // `wrong` is optional.
    expect(lessonWith(SHORT.replace(/ {2}wrong:\n.*\n.*\n/, "")).steps[0]).toMatchObject({
      quiz: { wrong: [] },
    });
  });

  it("fills in a checks step's defaults, and needs no solution for a quiz step", () => {
    const [step] = lessonWith(
      "id: look\nchecks: [{ kind: file, path: a.txt }]\nsolution: touch a.txt",
    ).steps;
    expect(step).toMatchObject({ observe: false, solutionFiles: [], solution: "touch a.txt" });
    expect(problems(CHOICE)).toEqual([]);
  });

  it("wants checks or a quiz, exactly one of them", () => {
    expect(problems("id: nothing\nsolution: echo hi")).toEqual([
      "step: give the step checks (what must be true in the sandbox) or a quiz (a question to answer)",
    ]);
    expect(problems(`${CHOICE}checks: [{ kind: file, path: a.txt }]\n`)).toEqual([
      "step: a step has checks or a quiz, not both: make them two steps",
    ]);
    expect(problems("id: empty\nchecks: []\nsolution: echo hi")).toEqual([
      expect.stringMatching(/^step\.checks: Too small/),
    ]);
  });

  it("refuses a solution, solutionFiles and observe on a quiz step, saying why", () => {
    expect(
      problems(`${CHOICE}solution: docker build .\nsolutionFiles: [Dockerfile]\nobserve: true\n`),
    ).toEqual([
      'step.solution: a quiz step has no solution: "Show me" reveals the quiz\'s answer instead',
      'step.solutionFiles: a quiz step has no solutionFiles: "Show me" reveals the quiz\'s answer instead',
      "step.observe: a quiz step cannot be an observation: observe is for checks that may already hold",
    ]);
    // Even the defaults' values count: writing them means the author thinks the step runs something.
    expect(problems(`${CHOICE}observe: false\n`)).toEqual([
      "step.observe: a quiz step cannot be an observation: observe is for checks that may already hold",
    ]);
  });

  it("refuses accepts on a quiz step: its right answers are in the quiz", () => {
    expect(problems(`${CHOICE}accepts: [{ why: another way, run: "true" }]\n`)).toEqual([
      "step.accepts: a quiz step has no accepts: its right answers are its correct choices or its answers",
    ]);
  });

  it("lets a challenge have a quiz step without a solution, but still wants its hint", () => {
    const challenge = (step: string) =>
      parseLesson({
        dir: "lessons/01-a/02-challenge",
        chapter: "a",
        source: `---\nid: ch\ntitle: Ch\nsummary: A goal.\nminutes: 5\nchallenge: true\n---\n\n## Goal\n\n\`\`\`step\n${step}\n\`\`\`\n\nDone.\n`,
      });
    expect(challenge(SHORT).steps[0]).toMatchObject({ id: "prune" });
    expect(() => challenge(CHOICE)).toThrow(/a challenge step needs at least one hint/);
  });

  it("wants choices or answers, exactly one form", () => {
    expect(problems("id: q\nquiz:\n  question: Why?\n")).toEqual([
      "step.quiz: give choices (multiple choice) or answers (short answer)",
    ]);
    expect(problems(`${CHOICE}  answers: [CMD]\n`)).toEqual([
      "step.quiz: give either choices (multiple choice) or answers (short answer), not both",
    ]);
    expect(
      problems(CHOICE.replace("question: Which instruction adds **no** layer?", 'question: " "')),
    ).toEqual(["step.quiz.question: must not be empty"]);
    expect(problems(`${CHOICE}  answer: CMD\n`)).toEqual(["step.quiz.answer: unknown field"]);
  });

  it("checks a multiple-choice quiz: two choices, one right, feedback on every wrong one", () => {
    const one = CHOICE.replace(/ {4}- text: "`COPY`"\n.*\n/, "");
    expect(problems(one)).toEqual([
      "step.quiz.choices: a multiple-choice quiz needs at least 2 choices",
    ]);
    expect(problems(CHOICE.replace("correct: true", "correct: false"))).toEqual([
      "step.quiz.choices: mark at least one choice `correct: true`",
    ]);
    expect(problems(CHOICE.replace(/ {6}feedback: COPY adds.*\n/, ""))).toEqual([
      "step.quiz.choices[1].feedback: a wrong choice needs feedback: say kindly why it is wrong",
    ]);
    expect(problems(CHOICE.replace('"`COPY`"', '" `cmd` "'))).toEqual([
      "step.quiz.choices[1].text: the same text as choices[0]",
    ]);
    expect(problems(`${CHOICE}  feedback: Try again.\n`)).toEqual([
      "step.quiz.feedback: only a short-answer quiz has feedback: put it on each wrong choice",
    ]);
    expect(problems(`${CHOICE}  wrong: [{ answer: COPY, feedback: No. }]\n`)).toEqual([
      "step.quiz.wrong: only a short-answer quiz has wrong answers: give the wrong choices feedback",
    ]);
    expect(problems(CHOICE.replace("correct: true", "correct: yes please"))).toEqual([
      'step.quiz.choices[0].correct: expected boolean, got string "yes please"',
    ]);
    // An unknown field does not stop the other checks: the author learns both at once.
    expect(problems(CHOICE.replace("correct: true", "right: true"))).toEqual([
      "step.quiz.choices[0].right: unknown field",
      "step.quiz.choices: mark at least one choice `correct: true`",
    ]);
  });

  it("checks a short-answer quiz: accepted answers, general feedback, wrong answers that are wrong", () => {
    expect(problems(SHORT.replace("  feedback: Look at the last section again.\n", ""))).toEqual([
      "step.quiz.feedback: missing: a short-answer quiz needs feedback for answers that are neither accepted nor listed in wrong",
    ]);
    expect(problems(SHORT.replace("[docker image prune, docker image prune -f]", "[]"))).toEqual([
      "step.quiz.answers: give at least one accepted answer",
    ]);
    expect(
      problems(SHORT.replace("answer: docker image prune -a", "answer: Docker  image PRUNE")),
    ).toEqual(['step.quiz.wrong[0].answer: "Docker  image PRUNE" is also an accepted answer']);
    expect(
      problems(SHORT.replace("      feedback: That removes", "      because: That removes")),
    ).toEqual([
      "step.quiz.wrong[0].feedback: missing (expected string)",
      "step.quiz.wrong[0].because: unknown field",
    ]);
  });

  it("keeps stepSchema's fields flat, so --fields lists checks and quiz side by side", () => {
    expect(Object.keys(stepSchema.shape)).toEqual(
      expect.arrayContaining(["checks", "quiz", "hints", "solution", "solutionFiles", "observe"]),
    );
  });
});
