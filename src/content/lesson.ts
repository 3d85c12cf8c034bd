import { parseDocument } from "yaml";
import type { z } from "zod";
import type { Check } from "../checks/checkSchema.ts";
import { zodProblems } from "../checks/parseCheck.ts";
import {
  frontmatterSchema,
  stepSchema,
  type AcceptedAnswer,
  type LessonFrontmatter,
  type StepDefinition,
} from "./lessonSchema.ts";
import { challengeProblems } from "./challengeProblems.ts";
import { toQuiz, type Quiz } from "./quiz.ts";
import { runBlockProblems } from "./runBlocks.ts";

interface StepBase {
  /** Unique within the lesson: the progress key. */
  id: string;
  title: string;
  hints: string[];
}

/** A step decided by checks against the sandbox, solved by its solution. */
export interface CheckStep extends StepBase {
  checks: Check[];
  observe: boolean;
  solution?: string;
  solutionFiles: string[];
  accepts: AcceptedAnswer[];
}

/** A step decided by the learner's answer to a question: nothing runs in the sandbox. */
export interface QuizStep extends StepBase {
  quiz: Quiz;
}

/**
 * One step of a lesson: prose, then either checks or a quiz that decide
 * whether it is done. A union rather than one type with optional parts, so
 * that code which evaluates checks or runs solutions must first have told a
 * quiz step apart ({@link isQuizStep}).
 */
export type Step = CheckStep | QuizStep;

export function isQuizStep(step: Step): step is QuizStep {
  return "quiz" in step;
}

/**
 * A lesson's Markdown cut at its step blocks: prose, then the step the prose
 * leads to, and so on; prose after the last step has `step: null`.
 */
export interface LessonSection {
  markdown: string;
  step: Step | null;
}

/** A parsed, validated lesson. */
export interface Lesson extends LessonFrontmatter {
  /** The chapter's id. */
  chapter: string;
  /** The lesson's folder, relative to the repository root, e.g. `lessons/02-running/01-first-run`. */
  dir: string;
  /** The whole Markdown after the frontmatter, step blocks removed. */
  markdown: string;
  /** The Markdown in reading order, cut where each step's checks go. */
  sections: LessonSection[];
  steps: Step[];
  /** files/: what the learner's /workspace starts with, keyed by path relative to it. Text only. */
  files: Record<string, string>;
  /** solution/: the solved files, for "Show me", the compare view and the self-test. */
  solutionFiles: Record<string, string>;
  /** Ids of the lessons this one links to with `lesson:<id>` (the catalog checks they exist). */
  links: string[];
  /**
   * Set for a lesson from outside the course (`?lessonUrl=`, later embeds and
   * workshops): where it came from. Such a lesson is untrusted: its id is
   * namespaced, and it runs nothing until the learner agrees (docs/security.md).
   */
  from?: {
    url: string;
    origin: string;
    /** The id the lesson gave itself (shown; never used as a key). */
    id: string;
    /** SHA-256 of what it would run (lessonCommands.ts): a consent covers exactly these. */
    commandsDigest: string;
  };
}

/** A lesson file is malformed. The message names the file and every problem, one per line. */
export class LessonFormatError extends Error {
  override name = "LessonFormatError";
  /** The file at fault, relative to the repository root (e.g. `lessons/01-intro/01-welcome/lesson.md`). */
  readonly file: string;
  /** What is wrong, one actionable sentence each. */
  readonly problems: readonly string[];

  constructor(file: string, problems: string[]) {
    super(problems.map((problem) => `${file}: ${problem}`).join("\n"));
    this.file = file;
    this.problems = problems;
  }
}

// `---` on the first line, YAML, then `---` on a line of its own. The YAML part
// is optional so that an empty frontmatter reports the missing fields.
const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;
// A step block: a fence of three or more backticks whose info string is
// exactly "step", at the start of a line, closed by the same fence.
const STEP_BLOCK = /^(`{3,})step[ \t]*\r?\n([\s\S]*?)^\1[ \t]*$/gm;
const HEADING = /^##[ \t]+(.+?)[ \t#]*$/gm;
// A Markdown link to another lesson: [text](lesson:<id>) or (lesson:<id>#anchor).
const LESSON_LINK = /\]\(lesson:([^)#\s]*)/g;

export interface LessonSource {
  /** The lesson's folder relative to the repository root. */
  dir: string;
  /** The chapter's id. */
  chapter: string;
  /** The text of lesson.md. */
  source: string;
  files?: Record<string, string>;
  solutionFiles?: Record<string, string>;
}

/**
 * Parse and validate one lesson on its own (links to other lessons are
 * checked by the catalog, which sees them all).
 * @throws {LessonFormatError} naming the file and every field at fault.
 */
export function parseLesson(input: LessonSource): Lesson {
  const file = `${input.dir}/lesson.md`;
  const match = FRONTMATTER.exec(input.source);
  if (!match) {
    throw new LessonFormatError(file, [
      'missing frontmatter: start the file with a "---" line, then "id:", "title:", "summary:" ' +
        'and "minutes:" lines, then another "---" line',
    ]);
  }
  const problems: string[] = [];
  const data = parseYaml(file, match[1] ?? "", 2);
  const frontmatter = validate(frontmatterSchema, data, "frontmatter", problems);
  const body = input.source.slice(match[0].length);
  const bodyLine = lineOf(input.source, match[0].length);

  const sections: LessonSection[] = [];
  const steps: Step[] = [];
  const stepLines: { step: Step; line: number }[] = [];
  let from = 0;
  for (const block of body.matchAll(STEP_BLOCK)) {
    const prose = body.slice(from, block.index);
    const line = bodyLine + lineOf(body, block.index) - 1;
    const stepProblems: string[] = [];
    const yaml = parseYaml(file, block[2] ?? "", line + 1);
    const definition = validate(stepSchema, yaml, "step", stepProblems);
    if (definition) {
      const heading = [...body.slice(0, block.index).matchAll(HEADING)].at(-1)?.[1];
      const title = definition.title ?? heading;
      const at = `step "${definition.id}"`;
      if (!title) stepProblems.push(`${at}: no "## " heading above it and no title: field`);
      // A challenge's own rule says this, in its words (challengeProblems.ts).
      if (
        !frontmatter?.challenge &&
        definition.checks &&
        !definition.solution &&
        !definition.solutionFiles?.length
      ) {
        stepProblems.push(
          `${at}: give the step a solution (commands) or solutionFiles, so "Show me" and the self-test can solve it`,
        );
      }
      for (const path of definition.solutionFiles ?? []) {
        if (!Object.hasOwn(input.solutionFiles ?? {}, path)) {
          stepProblems.push(`${at}: solutionFiles names "${path}", which is not in solution/`);
        }
      }
      if (steps.some((s) => s.id === definition.id)) {
        stepProblems.push(`${at}: the id is used by another step of this lesson`);
      }
      const step = toStep(definition, title ?? definition.id);
      steps.push(step);
      stepLines.push({ step, line });
      sections.push({ markdown: prose, step });
    }
    problems.push(...stepProblems.map((problem) => `line ${line}: ${problem}`));
    from = block.index + block[0].length;
  }
  sections.push({ markdown: body.slice(from), step: null });
  problems.push(...runBlockProblems(body, bodyLine));
  if (frontmatter?.challenge) {
    problems.push(
      ...challengeProblems({
        body,
        bodyLine,
        steps: stepLines,
        files: input.files ?? {},
        solutionFiles: input.solutionFiles ?? {},
      }),
    );
  }
  const links = [...body.matchAll(LESSON_LINK)].map((link) => link[1] ?? "");
  // The app routes with ?lesson=<id>; the renderer keeps relative links.
  for (const section of sections) {
    section.markdown = section.markdown.replace(LESSON_LINK, "](?lesson=$1");
  }
  const markdown = sections.map((s) => s.markdown).join("");
  if (markdown.trim() === "") problems.push("the lesson has no Markdown after the frontmatter");
  if (steps.length === 0 && problems.length === 0) {
    problems.push(
      'the lesson has no steps: add a ```step block with checks or a quiz under a "## " heading',
    );
  }
  problems.push(...fileProblems("files", input.files ?? {}));
  problems.push(...fileProblems("solution", input.solutionFiles ?? {}));
  if (frontmatter?.focus) {
    const { focus } = frontmatter;
    if (
      !Object.hasOwn(input.files ?? {}, focus) &&
      !Object.hasOwn(input.solutionFiles ?? {}, focus)
    ) {
      problems.push(`frontmatter.focus: "${focus}" is neither in files/ nor in solution/`);
    }
  }
  if (!frontmatter || problems.length) throw new LessonFormatError(file, problems);
  return {
    ...frontmatter,
    chapter: input.chapter,
    dir: input.dir,
    markdown,
    sections,
    steps,
    files: { ...input.files },
    solutionFiles: { ...input.solutionFiles },
    links: [...new Set(links)],
  };
}

/** A validated step block as a {@link Step}, its defaults filled in. */
function toStep(definition: StepDefinition, title: string): Step {
  const { id, hints, quiz, checks, solution } = definition;
  if (quiz) return { id, title, hints, quiz: toQuiz(quiz) };
  return {
    id,
    title,
    hints,
    checks: checks ?? [],
    observe: definition.observe ?? false,
    ...(solution !== undefined && { solution }),
    solutionFiles: definition.solutionFiles ?? [],
    accepts: definition.accepts ?? [],
  };
}

function validate<S extends z.ZodType>(
  schema: S,
  data: unknown,
  at: string,
  problems: string[],
): z.output<S> | null {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  problems.push(...zodProblems(result.error.issues, at, data));
  return null;
}

/** 1-based line number of `offset` in `text`. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** YAML to JS; `firstLine` is the file line the YAML starts on, for messages. */
export function parseYaml(file: string, yaml: string, firstLine: number): unknown {
  const doc = parseDocument(yaml);
  const error = doc.errors[0] ?? doc.warnings[0];
  if (error) {
    const line = (error.linePos?.[0].line ?? 1) + firstLine - 1;
    let reason = error.message.split(/ at line \d+|\n/)[0] ?? "";
    if (/nested mappings|implicit keys/i.test(reason)) {
      reason += ' (text containing ": " must be quoted, e.g. hint: "Use -p 8080:80")';
    }
    throw new LessonFormatError(file, [`invalid YAML at line ${line}: ${reason}`]);
  }
  // An empty document is an empty mapping: report the missing fields.
  return doc.toJS() ?? {};
}

function fileProblems(folder: string, files: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [path, content] of Object.entries(files)) {
    if (/[\0\uFFFD]/.test(content)) {
      problems.push(`${folder}/${path} is not UTF-8 text (binary lesson files are unsupported)`);
    }
  }
  return problems;
}
