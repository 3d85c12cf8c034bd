import { parseDocument } from "yaml";
import { validateFrontmatter, type LessonFrontmatter } from "./lessonSchema.ts";

/** A lesson folder name: also its URL slug. */
export const LESSON_ID = /^[a-z0-9][a-z0-9-]*$/;

/** A parsed, validated lesson: `lessons/<id>/lesson.md` plus `lessons/<id>/start/**`. */
export interface Lesson extends LessonFrontmatter {
  /** The folder name under `lessons/`. */
  id: string;
  /** The Markdown after the frontmatter; render it with `renderMarkdown`. */
  markdown: string;
  /** Files that seed the learner's /workspace, keyed by path relative to it. Text only. */
  startFiles: Record<string, string>;
}

/** A lesson file is malformed. The message names the file and every problem, one per line. */
export class LessonFormatError extends Error {
  override name = "LessonFormatError";
  /** The file at fault, relative to the repository root (e.g. `lessons/welcome/lesson.md`). */
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

/**
 * Parse and validate one lesson. `source` is the text of `lesson.md`;
 * `startFiles` maps paths relative to `start/` to file contents.
 * @throws {LessonFormatError} naming the file and field at fault.
 */
export function parseLesson(
  id: string,
  source: string,
  startFiles: Record<string, string>,
): Lesson {
  const file = `lessons/${id}/lesson.md`;
  if (!LESSON_ID.test(id)) {
    throw new LessonFormatError(`lessons/${id}/`, [
      `invalid lesson id "${id}": a folder name of lowercase letters, digits and "-", ` +
        "starting with a letter or digit",
    ]);
  }
  const match = FRONTMATTER.exec(source);
  if (!match) {
    throw new LessonFormatError(file, [
      'missing frontmatter: start the file with a "---" line, then "title:" and "order:" ' +
        'lines, then another "---" line',
    ]);
  }
  const result = validateFrontmatter(parseYaml(file, match[1] ?? ""));
  const problems = result.ok ? [] : [...result.problems];
  const markdown = source.slice(match[0].length);
  if (markdown.trim() === "") problems.push("the lesson has no Markdown after the frontmatter");
  problems.push(...startFileProblems(startFiles));
  if (!result.ok || problems.length) throw new LessonFormatError(file, problems);
  return { ...result.frontmatter, id, markdown, startFiles: { ...startFiles } };
}

function parseYaml(file: string, yaml: string): unknown {
  const doc = parseDocument(yaml);
  const error = doc.errors[0] ?? doc.warnings[0];
  if (error) {
    // The frontmatter starts on line 2 of the file.
    const line = (error.linePos?.[0].line ?? 0) + 1;
    const reason = error.message.split(/ at line \d+|\n/)[0];
    throw new LessonFormatError(file, [
      `invalid YAML in the frontmatter (line ${line}): ${reason}`,
    ]);
  }
  // An empty frontmatter is an empty mapping: report the missing fields.
  return doc.toJS() ?? {};
}

function startFileProblems(startFiles: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [path, content] of Object.entries(startFiles)) {
    const segments = path.split("/");
    if (segments.some((s) => s === "" || s === "." || s === "..") || path.includes("\\")) {
      problems.push(`start file "${path}": use a path relative to start/ with "/" and no ".."`);
    } else if (/[\0\uFFFD]/.test(content)) {
      problems.push(`start file "${path}" is not UTF-8 text (binary start files are unsupported)`);
    }
  }
  return problems;
}
