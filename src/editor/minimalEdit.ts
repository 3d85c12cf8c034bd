/** One replacement turning a text into another: `before[start, end)` becomes `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** Whether offset `at` of `text` falls inside a UTF-16 surrogate pair or a CRLF. */
function splitsPair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return (before >= 0xd800 && before <= 0xdbff) || (before === 0x0d && after === 0x0a);
}

/**
 * The smallest single replacement that turns `before` into `after` (common
 * prefix and suffix kept). Reloading a file this way leaves the cursor,
 * selections and folds of untouched lines where they were. The change never
 * starts or ends inside a surrogate pair or a CRLF.
 */
export function minimalEdit(before: string, after: string): TextChange {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && (splitsPair(before, start) || splitsPair(after, start))) start--;
  let suffix = 0;
  while (
    suffix < max - start &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  const splitsSuffix =
    splitsPair(before, before.length - suffix) || splitsPair(after, after.length - suffix);
  if (suffix > 0 && splitsSuffix) suffix--;
  return { start, end: before.length - suffix, text: after.slice(start, after.length - suffix) };
}
