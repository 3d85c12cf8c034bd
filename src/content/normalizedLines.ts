/**
 * Text compared the way a reader sees it: authors indent code blocks, align
 * flags and leave blank lines differently from the files they show, and a
 * copy pasted from a block still solves the step. So lines are compared with
 * their whitespace collapsed, and blank lines do not count.
 */

/** The lines of `text`, each trimmed with inner runs of whitespace made one space; blank lines dropped. */
export function normalizedLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim().replace(/\s+/g, " "))
    .filter((line) => line !== "");
}

/**
 * Whether `part` appears in `whole` as consecutive whole lines (both from
 * {@link normalizedLines}). Whole lines, so that `FROM python` is not found
 * in `FROM python:3-slim`. An empty `part` is never found: there is nothing to copy.
 */
export function containsLines(whole: readonly string[], part: readonly string[]): boolean {
  if (part.length === 0) return false;
  for (let start = 0; start + part.length <= whole.length; start++) {
    if (part.every((line, i) => whole[start + i] === line)) return true;
  }
  return false;
}
