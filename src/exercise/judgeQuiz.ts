import { normalizeAnswer, type Quiz } from "../content/quiz.ts";

/** What the learner answered: the indexes of the choices selected, or the text typed. */
export type QuizAnswer = { choices: readonly number[] } | { text: string };

/** The verdict on an answer. */
export interface QuizJudgement {
  ok: boolean;
  /**
   * What to tell the learner, one paragraph each (inline Markdown from the
   * lesson). When wrong: why (never empty). When right: why each right choice
   * is right, for those that say (often empty).
   */
  feedback: string[];
}

/**
 * Judge an answer to a quiz. Pure: the app records a right answer as the
 * step passed (CheckState), and shows the feedback of a wrong one.
 *
 * Multiple choice: right when exactly the right choices are selected. A
 * wrong choice among them is explained by its own feedback (each, if several
 * are selected); right choices but not all of them (a quiz with several)
 * get a nudge to select the others. Short answer: right when the answer,
 * normalized (normalizeAnswer), is one of the accepted answers; else the
 * feedback of the matching known wrong answer, or the quiz's general one.
 * An empty answer is not right, and says what to do.
 * @throws {TypeError} when the answer is of the other form than the quiz.
 */
export function judgeQuiz(quiz: Quiz, answer: QuizAnswer): QuizJudgement {
  if (quiz.kind === "multiple-choice") {
    if (!("choices" in answer)) throw new TypeError("a multiple-choice quiz takes choices");
    const selected = [...new Set(answer.choices)]
      .filter((i) => Number.isInteger(i) && i >= 0 && i < quiz.choices.length)
      .sort((a, b) => a - b)
      .map((i) => quiz.choices[i]!);
    if (selected.length === 0) {
      return wrong(quiz.multiple ? "Select every right answer first." : "Choose an answer first.");
    }
    if (!quiz.multiple && selected.length > 1) return wrong("Choose only one answer.");
    const wrongOnes = selected.filter((choice) => !choice.correct);
    if (wrongOnes.length) return { ok: false, feedback: wrongOnes.map((c) => c.feedback ?? "") };
    const missing = quiz.choices.filter((choice) => choice.correct && !selected.includes(choice));
    if (missing.length) {
      return wrong(
        `What you selected is right, but ${missing.length === 1 ? "one more choice is" : `${missing.length} more choices are`} right too: select every right answer.`,
      );
    }
    return { ok: true, feedback: selected.flatMap((c) => (c.feedback ? [c.feedback] : [])) };
  }
  if (!("text" in answer)) throw new TypeError("a short-answer quiz takes text");
  const given = normalizeAnswer(answer.text);
  if (given === "") return wrong("Type an answer first.");
  if (quiz.answers.some((accepted) => normalizeAnswer(accepted) === given)) {
    return { ok: true, feedback: [] };
  }
  const known = quiz.wrong.find((w) => normalizeAnswer(w.answer) === given);
  return wrong(known?.feedback ?? quiz.feedback);
}

/** The answer that "Show me" reveals: every right choice, or the first accepted answer. */
export function rightAnswer(quiz: Quiz): QuizAnswer {
  return quiz.kind === "multiple-choice"
    ? { choices: quiz.choices.flatMap((choice, i) => (choice.correct ? [i] : [])) }
    : { text: quiz.answers[0] ?? "" };
}

function wrong(feedback: string): QuizJudgement {
  return { ok: false, feedback: [feedback] };
}
