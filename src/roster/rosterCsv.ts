/**
 * The roster as CSV (RFC 4180), for a spreadsheet. Cells come from
 * receipts, which learners wrote: a cell a spreadsheet would run as a
 * formula (starting with = + - @, or a tab or carriage return) is prefixed
 * with a quote so it stays text.
 */
import { stepKey, type RosterView } from "./rosterView.ts";

/** One cell, quoted, made inert as a formula. */
export function csvCell(value: string): string {
  const inert = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${inert.replace(/"/g, '""')}"`;
}

/**
 * The table: a learner per row (name, receipt time, first step not passed),
 * a column per step (`lesson/step`) with when it passed, empty if not.
 * Every lesson any receipt lists is a column, shown or not.
 */
export function rosterCsv(view: RosterView): string {
  const steps = view.lessons.flatMap((l) => l.steps.map((step) => stepKey(l.id, step)));
  const header = ["Learner", "Receipt made", "First step not passed", ...steps];
  const lines = view.rows.map((row) => [
    row.learner,
    row.madeAt,
    row.firstUnpassed ? stepKey(row.firstUnpassed.lesson, row.firstUnpassed.step) : "",
    ...steps.map((key) => row.passed.get(key) ?? ""),
  ]);
  return [header, ...lines].map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
