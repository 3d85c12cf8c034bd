/**
 * The outcome of one assertion of a check. Feedback is always specific: a
 * pass says what was found, a failure says what is wrong in one line and
 * what to do about it in the hint, so a learner is never told just "wrong".
 */
export interface AssertionResult {
  ok: boolean;
  /** One line saying what was found, e.g. "hello:v1 has 5 layers, at most 3 expected." */
  message: string;
  /** For failures: the next thing to try, e.g. "Combine the RUN lines with && to get 3." */
  hint?: string;
}

/** The outcome of a whole check: it passes when every assertion passes. */
export interface CheckResult {
  ok: boolean;
  /** What was checked, e.g. "Image hello:v1" (the check's own `title` when it has one). */
  title: string;
  assertions: AssertionResult[];
  /** The check's author-written `hint`, set only when the check failed. */
  hint?: string;
}

export function pass(message: string): AssertionResult {
  return { ok: true, message };
}

export function fail(message: string, hint: string): AssertionResult {
  return { ok: false, message, hint };
}

/** `pass(okMessage)` when `ok`, else `fail(failMessage, hint)`; keeps judges to one line per assertion. */
export function judge(
  ok: boolean,
  okMessage: string,
  failMessage: string,
  hint: string,
): AssertionResult {
  return ok ? pass(okMessage) : fail(failMessage, hint);
}
