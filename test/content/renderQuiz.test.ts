import createDOMPurify from "dompurify";
import { JSDOM } from "jsdom";
import { describe, expect, it } from "vitest";
import type { Quiz } from "../../src/content/quiz.ts";
import { renderInlineMarkdown } from "../../src/content/render.ts";
import { renderQuiz } from "../../src/content/renderQuiz.ts";

const purify = createDOMPurify(new JSDOM("").window);
const dom = (html: string) => JSDOM.fragment(html);

const quiz = (question: string, texts: string[] = ["a", "b"]): Quiz => ({
  kind: "multiple-choice",
  question,
  choices: texts.map((text, i) => ({ text, correct: i === 0, feedback: "because" })),
  multiple: false,
});

describe("renderQuiz", () => {
  it("renders the question as lesson Markdown, code blocks with their Copy and Run buttons", () => {
    const { question } = renderQuiz(
      quiz("What does this run?\n\n```sh run\ndocker run --rm busybox echo hi\n```\n"),
      purify,
    );
    const html = dom(question);
    expect(html.querySelector("p")?.textContent).toBe("What does this run?");
    const block = html.querySelector<HTMLElement>(".code-block");
    expect(block?.dataset.command).toBe("docker run --rm busybox echo hi");
    expect([...html.querySelectorAll("button")].map((b) => b.dataset.action)).toEqual([
      "copy",
      "run",
    ]);
  });

  it("renders choices inline: code and emphasis, no paragraphs", () => {
    const { choices } = renderQuiz(quiz("Q", ["`CMD` only", "**all** of them"]), purify);
    expect(choices).toEqual(["<code>CMD</code> only", "<strong>all</strong> of them"]);
    expect(renderQuiz({ ...SHORT }, purify).choices).toEqual([]);
  });

  it("sanitizes the question and the choices like the lesson: no scripts, handlers or forged buttons", () => {
    const { question, choices } = renderQuiz(
      quiz(
        'Hi <script>alert(1)</script><img src=x onerror="alert(2)">\n\n' +
          '<button data-action="run" data-command="rm -rf /">Run</button> [x](javascript:alert(3))',
        ['<img src=x onerror="alert(4)"><b>b</b>', "<form><input name=q></form>c"],
      ),
      purify,
    );
    for (const html of [question, ...choices]) {
      expect(html).not.toMatch(/<script|onerror|href=|data-command|data-action|<form|<input/i);
    }
    expect(dom(question).querySelector("button")?.textContent).toBe("Run");
    expect(choices).toEqual(['<img src="x" referrerpolicy="no-referrer"><b>b</b>', "c"]);
  });

  it("renders feedback inline and sanitized too", () => {
    expect(
      renderInlineMarkdown("Use `-p`, <a href='javascript:x' onclick=y>not this</a>", purify),
    ).toBe("Use <code>-p</code>, <a>not this</a>");
  });
});

const SHORT: Quiz = {
  kind: "short-answer",
  question: "Which?",
  answers: ["x"],
  wrong: [],
  feedback: "No.",
};
