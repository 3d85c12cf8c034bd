/**
 * Author regexes run on the UI thread against guest output, and JavaScript's
 * backtracking engine cannot be interrupted: `^(a+)+$` takes time exponential
 * in the length of the text (25 characters: over a second). Such patterns
 * repeat a group that can match the same text in several ways because it
 * holds a quantifier or alternatives (`(a+)+`, `(a*)*`, `(a|aa)+`).
 *
 * The detector is a syntax walk, so it is conservative: it also refuses safe
 * patterns like `(\d+\.){3}` or `(a|b)+`, since telling those apart needs far
 * more than syntax, and spelling them out (`\d+\.\d+\.\d+\.`, `[ab]+`) is easy.
 */

interface Group {
  /** Index of the group's "(" in the source. */
  start: number;
  /** It holds a quantifier or "|", directly or in a nested group. */
  ambiguous: boolean;
}

interface Quantifier {
  /** Index just after the quantifier (and its lazy "?"). */
  end: number;
  /** It allows more than one repetition: `*`, `+`, `{2}`, `{1,}`, `{0,3}`; not `?` or `{0,1}`. */
  repeats: boolean;
}

// `*`, `+`, `?`, `{n}`, `{n,}` or `{n,m}`, then an optional lazy "?". A "{"
// that does not read as a quantifier is a literal outside u mode.
const QUANTIFIER = /(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})\??/y;
// What follows "(" in non-capturing, named, lookaround and modifier groups.
const GROUP_PREFIX = /\?(?:<(?![=!])[^>]*>|[a-z-]*:|<?[=!])/y;
// Escapes whose braces are part of the escape, not a quantifier: \u{…}, \p{…}, \P{…}.
const BRACED_ESCAPE = /\\[upP]\{[^}]*\}/y;

/**
 * The first part of a valid regular expression `source` that repeats an
 * ambiguous group, e.g. "(a+)+" for "^(a+)+$", or null when there is none.
 */
export function nestedRepetition(source: string): string | null {
  const open: Group[] = [{ start: 0, ambiguous: false }];
  let i = 0;
  while (i < source.length) {
    const current = open[open.length - 1] as Group;
    if (source[i] === "(") {
      open.push({ start: i, ambiguous: false });
      i = afterGroupPrefix(source, i + 1);
      continue;
    }
    if (source[i] === "|") {
      current.ambiguous = true;
      i++;
      continue;
    }
    const closed = source[i] === ")" && open.length > 1 ? open.pop() : undefined;
    const enclosing = open[open.length - 1] as Group;
    i = closed ? i + 1 : atomEnd(source, i);
    const quantifier = quantifierAt(source, i);
    if (closed?.ambiguous && quantifier?.repeats) return source.slice(closed.start, quantifier.end);
    if (closed?.ambiguous || quantifier) enclosing.ambiguous = true;
    if (quantifier) i = quantifier.end;
  }
  return null;
}

function afterGroupPrefix(source: string, i: number): number {
  GROUP_PREFIX.lastIndex = i;
  return GROUP_PREFIX.test(source) ? GROUP_PREFIX.lastIndex : i;
}

/** Index just after the atom (escape, character class or character) starting at `i`. */
function atomEnd(source: string, i: number): number {
  if (source[i] === "[") return classEnd(source, i + 1);
  if (source[i] !== "\\") return i + 1;
  BRACED_ESCAPE.lastIndex = i;
  return BRACED_ESCAPE.test(source) ? BRACED_ESCAPE.lastIndex : i + 2;
}

/** Index just after the "]" closing a class whose body starts at `i` (in JavaScript `[]` is a class). */
function classEnd(source: string, i: number): number {
  let j = i;
  while (j < source.length && source[j] !== "]") j += source[j] === "\\" ? 2 : 1;
  return j + 1;
}

function quantifierAt(source: string, i: number): Quantifier | null {
  QUANTIFIER.lastIndex = i;
  const found = QUANTIFIER.exec(source);
  if (!found) return null;
  const [, symbol, min, comma, max] = found;
  const repeats =
    symbol !== undefined
      ? symbol !== "?"
      : comma === undefined
        ? Number(min) > 1
        : max === "" || Number(max) > 1;
  return { end: QUANTIFIER.lastIndex, repeats };
}
