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
  return fencedBlocks(markdown, firstLine).flatMap((block) => {
    if (!block.runnable) return [];
    const found = findControlCharacter(block.content);
    if (!found) return [];
    // The content starts on the line after the opening fence.
    return [`line ${block.line + found.line}: the Run block ${found.problem}`];
  });
}

/** A fenced code block of lesson Markdown, as the renderer sees it. */
export interface FencedBlock {
  /** The info string, e.g. "sh run" or "dockerfile". */
  info: string;
  /** The text between the fences. */
  content: string;
  /** The line of the opening fence in the lesson file. */
  line: number;
  /** It is a click-to-run block (it may still be refused for a control character). */
  runnable: boolean;
}

/**
 * Every fenced code block of `markdown`, in order. `firstLine` is the line
 * of the lesson file `markdown` starts on (default 1).
 */
export function fencedBlocks(markdown: string, firstLine = 1): FencedBlock[] {
  return md.parse(markdown, {}).flatMap((token) =>
    token.type === "fence"
      ? [
          {
            info: token.info,
            content: token.content,
            // map[0] is the 0-based line of the opening fence.
            line: firstLine + (token.map?.[0] ?? 0),
            runnable: runBlockText(token.info, token.content) !== null,
          },
        ]
      : [],
  );
}

function runBlockText(info: string, code: string): string | null {
  const flag = info.trim().split(/\s+/)[1];
  const command = code.trim();
  return flag === "run" && RUNNABLE_LANGUAGES.has(codeLanguage(info)) && command !== ""
    ? command
    : null;
}
