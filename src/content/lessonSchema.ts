/**
 * The schemas of course content: the course file, chapter files, lesson
 * frontmatter and lesson steps. Every field is declared once, here, with the
 * description authors read (`npm run lessons:check -- --fields` prints them).
 */
import { z } from "zod";
import { checkSchema } from "../checks/checkSchema.ts";
import { normalizeAnswer } from "./quiz.ts";
import { findControlCharacter } from "./typedCommand.ts";

/** A lesson, chapter or step id: also a URL slug and a progress key, so it never changes once published. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const idSchema = z
  .string()
  .regex(ID_PATTERN, 'use lowercase letters, digits and single "-", e.g. "run-a-container"');

// A Docker reference without registry or digest: it is pasted into
// `docker build -t <image> .` in the learner's terminal, so it must never
// carry shell syntax.
const NAME_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const IMAGE_REFERENCE = new RegExp(
  `^${NAME_COMPONENT}(?:/${NAME_COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$`,
);

/** A path relative to the lesson's workspace: "/"-separated, no "..", no leading "/". */
export const relativePathSchema = z
  .string()
  .min(1)
  .refine(
    (path) =>
      !path.startsWith("/") &&
      !path.includes("\\") &&
      path.split("/").every((part) => part !== "" && part !== "." && part !== ".."),
    'use a path relative to /workspace with "/" and no "..", e.g. "app/Dockerfile"',
  );

/** `lessons/course.yaml`. */
export const courseSchema = z.strictObject({
  title: z.string().min(1).describe("The course's name, shown above the lesson list."),
  summary: z.string().min(1).describe("One or two sentences on what the course teaches."),
});

/** `lessons/<NN-chapter>/chapter.yaml`. Chapters are ordered by their folder names. */
export const chapterSchema = z.strictObject({
  id: idSchema.describe("Unique id of the chapter across the course."),
  title: z.string().min(1).describe("Chapter title, shown in the lesson list."),
  summary: z.string().min(1).describe("One sentence on what the chapter covers."),
});

/** The frontmatter of `lessons/<NN-chapter>/<NN-lesson>/lesson.md`. Lessons are ordered by folder name. */
export const frontmatterSchema = z.strictObject({
  id: idSchema.describe(
    "Unique id of the lesson across the course: its URL (?lesson=<id>), its progress key, " +
      "and what other lessons link to (lesson:<id>) and name as prerequisites.",
  ),
  title: z
    .string()
    .trim()
    .min(1)
    .describe("Lesson title, shown in the lesson list and above the lesson."),
  summary: z
    .string()
    .trim()
    .min(1)
    .describe("One sentence shown in the lesson list under the title."),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(120)
    .describe("Estimated minutes a learner needs, shown next to the title."),
  prerequisites: z
    .array(idSchema)
    .default([])
    .describe("Ids of lessons to do first; shown as links. Each must exist in the course."),
  focus: relativePathSchema
    .optional()
    .describe(
      "The workspace file opened in the editor when the lesson starts. It must be one of the " +
        "lesson's files/ or solution/ files. Default: the Dockerfile, else the first file.",
    ),
  cwd: z
    .string()
    // Typed into the learner's terminal as `cd <cwd>`: no shell syntax, no spaces.
    .regex(
      /^\/workspace(\/[A-Za-z0-9._-]+)*$/,
      'must be /workspace or a folder under it (letters, digits, ".", "_", "-"), e.g. "/workspace/app"',
    )
    .default("/workspace")
    .describe("The folder the terminal, the solution commands and command checks start in."),
  start: z
    .enum(["ready"])
    .default("ready")
    .describe(
      'The snapshot the lesson starts from: "ready" is the booted VM with dockerd up and the ' +
        "image shelf (busybox, debian:bookworm-slim, python, redis, nginx, registry) loaded.",
    ),
  setup: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Shell commands (sh) run in the guest when the lesson starts and on Reset lesson, after " +
        "files/ is written: put Docker state the lesson needs in place (e.g. a container to " +
        "inspect). Make them idempotent: `docker rm -f web 2>/dev/null; docker run -d --name web …`.",
    ),
  image: z
    .string()
    .regex(
      IMAGE_REFERENCE,
      'must be a lowercase image name with an optional tag, e.g. "hello" or "web:v2"',
    )
    .optional()
    .describe(
      'The image tag the lesson builds (e.g. "hello"): Ctrl/Cmd+Enter runs ' +
        "`docker build -t <image> .` in the terminal.",
    ),
  challenge: z
    .boolean()
    .default(false)
    .describe(
      "A challenge: its steps state the goal only. It is marked in the lesson list; it may " +
        "have no Run blocks and no code block holding a whole solution/ file; each step needs " +
        'hints and a solution; "Show me" asks before it reveals the answer; and the self-test ' +
        "fails a step that already passes in the start state.",
    ),
});

/**
 * Another right answer to a step, which its checks must accept. The learner
 * never sees it: it documents an alternative the lesson allows, and the
 * self-test proves the checks take it, from the state just before the step
 * (docs/checks.md: "judge outcomes, not spelling").
 */
export const acceptedAnswerSchema = z
  .strictObject({
    why: z
      .string()
      .trim()
      .min(1)
      .describe('What makes this answer different, e.g. "--network-alias redis, any name".'),
    files: z
      .record(relativePathSchema, z.string())
      .default({})
      .describe("Workspace files this answer writes (path: content), before its commands."),
    run: z
      .string()
      .min(1)
      .superRefine((run, ctx) => {
        const found = findControlCharacter(run);
        if (found) ctx.addIssue({ code: "custom", message: `line ${found.line} ${found.problem}` });
      })
      .optional()
      .describe("Shell commands of this answer, run in the lesson's cwd like a solution."),
  })
  .refine((answer) => answer.run !== undefined || Object.keys(answer.files).length > 0, {
    message: "an accepted answer needs run, files or both",
  });

const quizTextSchema = z.string().trim().min(1);

/** A choice of a multiple-choice quiz. */
export const quizChoiceSchema = z.strictObject({
  text: quizTextSchema.describe(
    "The choice as the learner reads it, in inline Markdown (`code`, **bold**).",
  ),
  correct: z
    .boolean()
    .default(false)
    .describe(
      "This choice is right. Mark one (the learner picks it with radio buttons) or several " +
        "(the learner must select every one of them, with checkboxes).",
    ),
  feedback: quizTextSchema
    .optional()
    .describe(
      "Required on a wrong choice: why it is wrong, said kindly, shown when the learner picks " +
        "it. Optional on a right one: why it is right, shown once the step is done.",
    ),
});

/** A wrong answer a short-answer quiz expects, with what to say to it. */
export const quizWrongAnswerSchema = z.strictObject({
  answer: quizTextSchema.describe(
    "A wrong answer learners are likely to give; compared like the accepted answers.",
  ),
  feedback: quizTextSchema.describe(
    "What a learner who gives this answer reads: why it is wrong, said kindly.",
  ),
});

/**
 * A quiz step's question: multiple choice (`choices`) or short answer
 * (`answers`), never both. Its fields are flat, rather than a union of two
 * objects, so a mistake is reported on the field at fault instead of as
 * "matches neither form".
 */
export const quizSchema = z
  .strictObject({
    question: quizTextSchema.describe(
      "The question, in Markdown (rendered and sanitized like the rest of the lesson).",
    ),
    choices: z
      .array(quizChoiceSchema)
      .min(2, "a multiple-choice quiz needs at least 2 choices")
      .optional()
      .describe(
        "A multiple-choice quiz: at least 2 choices, at least one with `correct: true`, and " +
          "feedback on every wrong one.",
      ),
    answers: z
      .array(quizTextSchema)
      .min(1, "give at least one accepted answer")
      .optional()
      .describe(
        "A short-answer quiz: the accepted answers. The learner's answer matches one when they " +
          "are equal after trimming, lowercasing and collapsing spaces. The first is the one " +
          '"Show me" reveals.',
      ),
    wrong: z
      .array(quizWrongAnswerSchema)
      .optional()
      .describe(
        "Short answer only: wrong answers learners are likely to give, each with its own feedback.",
      ),
    feedback: quizTextSchema
      .optional()
      .describe(
        "Short answer only, and required there: what a learner reads whose answer is neither " +
          "accepted nor one of `wrong`.",
      ),
  })
  .superRefine((quiz, ctx) => {
    const problem = (path: PropertyKey[], message: string) =>
      ctx.addIssue({ code: "custom", path, message });
    if (quiz.choices && quiz.answers) {
      problem([], "give either choices (multiple choice) or answers (short answer), not both");
      return;
    }
    if (quiz.choices) {
      if (quiz.feedback !== undefined)
        problem(["feedback"], "only a short-answer quiz has feedback: put it on each wrong choice");
      if (quiz.wrong !== undefined)
        problem(
          ["wrong"],
          "only a short-answer quiz has wrong answers: give the wrong choices feedback",
        );
      if (!quiz.choices.some((choice) => choice.correct))
        problem(["choices"], "mark at least one choice `correct: true`");
      const seen = new Map<string, number>();
      quiz.choices.forEach((choice, i) => {
        if (!choice.correct && choice.feedback === undefined)
          problem(
            ["choices", i, "feedback"],
            "a wrong choice needs feedback: say kindly why it is wrong",
          );
        const same = seen.get(normalizeAnswer(choice.text));
        if (same !== undefined)
          problem(["choices", i, "text"], `the same text as choices[${same}]`);
        else seen.set(normalizeAnswer(choice.text), i);
      });
    } else if (quiz.answers) {
      if (quiz.feedback === undefined)
        problem(
          ["feedback"],
          "missing: a short-answer quiz needs feedback for answers that are neither accepted nor listed in wrong",
        );
      const accepted = new Set(quiz.answers.map(normalizeAnswer));
      quiz.wrong?.forEach((wrong, i) => {
        if (accepted.has(normalizeAnswer(wrong.answer)))
          problem(["wrong", i, "answer"], `"${wrong.answer}" is also an accepted answer`);
      });
    } else {
      problem([], "give choices (multiple choice) or answers (short answer)");
    }
  });

/**
 * A ```` ```step ```` block in the lesson's Markdown: either checks that
 * decide the step, and how to solve it, or a quiz. The step's title is the
 * `##` heading above the block; its prose is the text between that heading
 * and the block. lesson.ts turns it into a `Step`, with defaults filled in.
 */
export const stepSchema = z
  .strictObject({
    id: idSchema.describe("Unique id of the step within the lesson: its progress key."),
    title: z
      .string()
      .min(1)
      .optional()
      .describe("Title of the step. Default: the `##` heading the block is under."),
    checks: z
      .array(checkSchema)
      .min(1)
      .optional()
      .describe(
        "What must be true for the step to pass (see docs/checks.md). They re-run on Docker " +
          "events and workspace saves. A step has checks or a quiz.",
      ),
    quiz: quizSchema
      .optional()
      .describe(
        "A question the learner answers instead of checks: multiple choice (choices) or short " +
          'answer (answers). It needs no sandbox; "Show me" reveals the answer. A quiz step ' +
          "has no solution, solutionFiles or observe.",
      ),
    // No defaults on observe, solutionFiles and accepts: a quiz step must not
    // have them, so they must be seen as absent; lesson.ts fills the defaults
    // in for a checks step.
    observe: z
      .boolean()
      .optional()
      .describe(
        "A pure observation: the step asks the learner to look at something, so its checks may " +
          "already hold when the step is reached. Without it, the self-test fails a step that " +
          "passes before its solution ran (it would turn green by itself). Default: false.",
      ),
    hints: z
      .array(z.string().min(1))
      .default([])
      .describe("Hints the learner can reveal one at a time, from gentle to explicit."),
    solution: z
      .string()
      .min(1)
      .superRefine((solution, ctx) => {
        const found = findControlCharacter(solution);
        if (found) ctx.addIssue({ code: "custom", message: `line ${found.line} ${found.problem}` });
      })
      .optional()
      .describe(
        'Shell commands that solve the step, typed into the terminal by "Show me" and run by ' +
          "the lesson's self-test (after solutionFiles are written).",
      ),
    solutionFiles: z
      .array(relativePathSchema)
      .optional()
      .describe(
        'Files of solution/ this step writes into the workspace on "Show me" and in the ' +
          "self-test, e.g. [Dockerfile]. Default: none.",
      ),
    accepts: z
      .array(acceptedAnswerSchema)
      .optional()
      .describe(
        "Other right answers the checks must accept (not shown to learners). The self-test " +
          "tries each from the state just before the step's solution: each must pass the step. " +
          "Default: none.",
      ),
  })
  .superRefine((step, ctx) => {
    if (step.checks && step.quiz) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: "a step has checks or a quiz, not both: make them two steps",
      });
    } else if (!step.checks && !step.quiz) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message:
          "give the step checks (what must be true in the sandbox) or a quiz (a question to answer)",
      });
    } else if (step.quiz) {
      const why: Record<string, string> = {
        solution: 'a quiz step has no solution: "Show me" reveals the quiz\'s answer instead',
        solutionFiles:
          'a quiz step has no solutionFiles: "Show me" reveals the quiz\'s answer instead',
        observe:
          "a quiz step cannot be an observation: observe is for checks that may already hold",
        accepts:
          "a quiz step has no accepts: its right answers are its correct choices or its answers",
      };
      for (const [field, message] of Object.entries(why)) {
        if (step[field as keyof typeof step] !== undefined)
          ctx.addIssue({ code: "custom", path: [field], message });
      }
    }
  });

export type CourseInfo = z.output<typeof courseSchema>;
export type ChapterInfo = z.output<typeof chapterSchema>;
export type LessonFrontmatter = z.output<typeof frontmatterSchema>;
/** A step block as validated: flat, with `checks` or `quiz` (lesson.ts makes a `Step` of it). */
export type StepDefinition = z.output<typeof stepSchema>;
export type QuizDefinition = z.output<typeof quizSchema>;
export type AcceptedAnswer = z.output<typeof acceptedAnswerSchema>;
