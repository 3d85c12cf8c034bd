/**
 * A quiz step's question, as the app uses it: one of two forms, told apart by
 * `kind` (the YAML tells them apart by `choices` or `answers`; the schema,
 * lessonSchema.ts, makes sure there is exactly one). Judging an answer is in
 * src/exercise/judgeQuiz.ts.
 */
import type { QuizDefinition } from "./lessonSchema.ts";

/** One choice of a multiple-choice quiz. */
export interface QuizChoice {
  /** Inline Markdown. */
  text: string;
  correct: boolean;
  /** Why a wrong choice is wrong (always there); why a right one is right (optional). */
  feedback?: string;
}

/** Pick the right choice, or every right choice when several are right. */
export interface MultipleChoiceQuiz {
  kind: "multiple-choice";
  /** Markdown. */
  question: string;
  choices: QuizChoice[];
  /** More than one choice is right: the learner must select all of them (checkboxes, not radio buttons). */
  multiple: boolean;
}

/** A known wrong answer of a short-answer quiz, with what to say to it. */
export interface QuizWrongAnswer {
  answer: string;
  feedback: string;
}

/** Type the answer; it matches an accepted one after {@link normalizeAnswer}. */
export interface ShortAnswerQuiz {
  kind: "short-answer";
  /** Markdown. */
  question: string;
  /** The accepted answers; the first is the one "Show me" reveals. */
  answers: string[];
  wrong: QuizWrongAnswer[];
  /** For any other wrong answer. */
  feedback: string;
}

export type Quiz = MultipleChoiceQuiz | ShortAnswerQuiz;

/**
 * How short answers are compared: trimmed, lowercased, runs of whitespace as
 * one space. So "Docker  Image prune " matches "docker image prune", while a
 * different word or flag still does not.
 */
export function normalizeAnswer(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ");
}

/**
 * A validated quiz definition as the app's model. The schema guarantees that
 * exactly one of `choices` and `answers` is there, and `feedback` with `answers`.
 */
export function toQuiz(definition: QuizDefinition): Quiz {
  const { question, choices, answers } = definition;
  if (choices) {
    return {
      kind: "multiple-choice",
      question,
      choices: choices.map((choice) => ({ ...choice })),
      multiple: choices.filter((choice) => choice.correct).length > 1,
    };
  }
  return {
    kind: "short-answer",
    question,
    answers: [...(answers ?? [])],
    wrong: (definition.wrong ?? []).map((wrong) => ({ ...wrong })),
    feedback: definition.feedback ?? "",
  };
}
