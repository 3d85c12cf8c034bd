/**
 * The schemas of course content: the course file, chapter files, lesson
 * frontmatter and lesson steps. Every field is declared once, here, with the
 * description authors read (`npm run lessons:check -- --fields` prints them).
 */
import { z } from "zod";
import { checkSchema } from "../checks/checkSchema.ts";
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

/**
 * A ```` ```step ```` block in the lesson's Markdown: the checks that decide
 * the step, and how to solve it. The step's title is the `##` heading above
 * the block; its prose is the text between that heading and the block.
 */
export const stepSchema = z.strictObject({
  id: idSchema.describe("Unique id of the step within the lesson: its progress key."),
  title: z
    .string()
    .min(1)
    .optional()
    .describe("Title of the step. Default: the `##` heading the block is under."),
  checks: z
    .array(checkSchema)
    .min(1)
    .describe(
      "What must be true for the step to pass (see docs/checks.md). They re-run on Docker " +
        "events and workspace saves.",
    ),
  observe: z
    .boolean()
    .default(false)
    .describe(
      "A pure observation: the step asks the learner to look at something, so its checks may " +
        "already hold when the step is reached. Without it, the self-test fails a step that " +
        "passes before its solution ran (it would turn green by itself).",
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
    .default([])
    .describe(
      'Files of solution/ this step writes into the workspace on "Show me" and in the ' +
        "self-test, e.g. [Dockerfile].",
    ),
  accepts: z
    .array(acceptedAnswerSchema)
    .default([])
    .describe(
      "Other right answers the checks must accept (not shown to learners). The self-test " +
        "tries each from the state just before the step's solution: each must pass the step.",
    ),
});

export type CourseInfo = z.output<typeof courseSchema>;
export type ChapterInfo = z.output<typeof chapterSchema>;
export type LessonFrontmatter = z.output<typeof frontmatterSchema>;
export type StepDefinition = z.output<typeof stepSchema>;
export type AcceptedAnswer = z.output<typeof acceptedAnswerSchema>;
