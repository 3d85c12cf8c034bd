import type { DOMPurify } from "dompurify";
import type { Quiz } from "./quiz.ts";
import { renderInlineMarkdown, renderMarkdown } from "./render.ts";

/** A quiz's text as sanitized HTML, safe for `innerHTML`. */
export interface RenderedQuiz {
  /** The question: Markdown, with code blocks and their Copy/Run buttons like the lesson's. */
  question: string;
  /** Each choice's text, inline (a multiple-choice quiz; empty otherwise). */
  choices: string[];
}

/**
 * Render a quiz's question and choices. Lesson content is untrusted, and a
 * quiz is lesson content: it goes through the same renderer and sanitizer
 * (render.ts), so its HTML can do no more than the lesson's prose. Feedback
 * is rendered when shown, with {@link renderInlineMarkdown}.
 */
export function renderQuiz(quiz: Quiz, purify: DOMPurify, page?: URL): RenderedQuiz {
  return {
    question: renderMarkdown(quiz.question, purify, page).html,
    choices:
      quiz.kind === "multiple-choice"
        ? quiz.choices.map((choice) => renderInlineMarkdown(choice.text, purify, page))
        : [],
  };
}
