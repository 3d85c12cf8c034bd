/**
 * Click-to-run blocks: fenced code whose info string is `sh run` (or `bash`,
 * `shell`, `console` followed by `run`). The renderer gives them a Run button
 * that types the block into the learner's terminal; lesson validation refuses
 * the ones the terminal would not type as shown (see typedCommand.ts).
 */
import MarkdownIt from "markdown-it";
import { findControlCharacter } from "./typedCommand.ts";

/** Languages whose fenced blocks may be click-to-run (` ```sh run `). */
export const RUNNABLE_LANGUAGES: ReadonlySet<string> = new Set(["sh", "bash", "shell", "console"]);

/** How lesson Markdown is parsed: the renderer and validation must find the same blocks. */
export const MARKDOWN_OPTIONS = { html: true, linkify: false, typographer: false } as const;

const md = new MarkdownIt(MARKDOWN_OPTIONS);

/** The language of a fenced block from its info string, lowercased; "plaintext" when unusable. */
export function codeLanguage(info: string): string {
  const lang = info.trim().split(/\s+/)[0] ?? "";
  return /^[\w+#.-]+$/.test(lang) ? lang.toLowerCase() : "plaintext";
}

/**
 * The command the Run button of a code block types: the block's text,
 * surrounding whitespace trimmed. Null when the block is not runnable, or
 * holds a control character (lesson validation reports those, so only a
 * lesson that skipped it gets here: its block is shown without a Run button).
 */
export function runCommand(info: string, code: string): string | null {
  const command = runBlockText(info, code);
  return command !== null && findControlCharacter(command) === null ? command : null;
}

/**
 * One problem per click-to-run block of `markdown` that holds a control
 * character, e.g. "line 12: the Run block holds the control character U+007F, …".
 * `firstLine` is the line of the lesson file `markdown` starts on.
 */
export function runBlockProblems(markdown: string, firstLine: number): string[] {
  return md.parse(markdown, {}).flatMap((token) => {
    if (token.type !== "fence" || runBlockText(token.info, token.content) === null) return [];
    const found = findControlCharacter(token.content);
    if (!found) return [];
    // map[0] is the 0-based line of the opening fence; the content starts on the next one.
    const line = firstLine + (token.map?.[0] ?? 0) + found.line;
    return [`line ${line}: the Run block ${found.problem}`];
  });
}

function runBlockText(info: string, code: string): string | null {
  const flag = info.trim().split(/\s+/)[1];
  const command = code.trim();
  return flag === "run" && RUNNABLE_LANGUAGES.has(codeLanguage(info)) && command !== ""
    ? command
    : null;
}
