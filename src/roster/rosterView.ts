/**
 * What the roster shows for one course: learners × steps, and where people
 * are stuck. Pure: receipts in, a table out.
 */
import type { Receipt } from "../receipts/receiptSchema.ts";

/** A receipt in the roster, with where it came from (a file name, "pasted", "QR link"). */
export interface RosterEntry {
  source: string;
  receipt: Receipt;
}

/** A lesson's column group: its steps in order. */
export interface RosterLesson {
  id: string;
  title: string;
  steps: string[];
}

/** A step, named by lesson and step id. */
export interface StepRef {
  lesson: string;
  step: string;
}

/** One learner's row. */
export interface RosterRow {
  /** The name the learner gave, else where the receipt came from. */
  learner: string;
  source: string;
  madeAt: string;
  /** When each passed step passed, by {@link stepKey}. */
  passed: ReadonlyMap<string, string>;
  /** What the checks saw, per passed step ({@link stepKey}). */
  evidence: ReadonlyMap<string, readonly string[]>;
  /** The learner's first step not passed, in course order; null when all passed. */
  firstUnpassed: StepRef | null;
}

export interface RosterView {
  /** Every lesson any receipt lists, in course order. */
  lessons: RosterLesson[];
  /** The lessons worth columns: one someone passed a step of, or someone's first unpassed step is in. */
  shownLessons: RosterLesson[];
  rows: RosterRow[];
  /** Per step ({@link stepKey}): learners who passed the step before it (in course order) but not it. */
  stuck: ReadonlyMap<string, number>;
  /** The step where most learners are stuck; null when nobody is. */
  mostStuck: StepRef | null;
}

/** A step's key in maps: `lesson/step` (ids contain no slash). */
export function stepKey(lesson: string, step: string): string {
  return `${lesson}/${step}`;
}

/**
 * Insert `items` into `order`, keeping both orders: an item not yet known
 * goes right after the last known item before it in `items`.
 */
function mergeOrder(order: string[], items: readonly string[]): void {
  let cursor = -1;
  for (const item of items) {
    const at = order.indexOf(item);
    if (at >= 0) {
      cursor = at;
    } else {
      order.splice(++cursor, 0, item);
    }
  }
}

/** The roster of `entries` (receipts of one course). */
export function rosterView(entries: readonly RosterEntry[]): RosterView {
  const lessonOrder: string[] = [];
  const lessons = new Map<string, { title: string; steps: string[] }>();
  for (const { receipt } of entries) {
    mergeOrder(
      lessonOrder,
      receipt.lessons.map((l) => l.id),
    );
    for (const lesson of receipt.lessons) {
      const known = lessons.get(lesson.id) ?? { title: lesson.title, steps: [] };
      // A compact receipt (QR link) titles lessons by id: a real title wins.
      if (known.title === lesson.id) known.title = lesson.title;
      mergeOrder(
        known.steps,
        lesson.steps.map((s) => s.id),
      );
      lessons.set(lesson.id, known);
    }
  }
  const allLessons = lessonOrder.map((id) => ({ id, ...lessons.get(id)! }));
  const sequence = allLessons.flatMap((l) => l.steps.map((step) => ({ lesson: l.id, step })));

  const rows: RosterRow[] = entries.map(({ source, receipt }) => {
    const passed = new Map<string, string>();
    const evidence = new Map<string, readonly string[]>();
    for (const lesson of receipt.lessons) {
      for (const step of lesson.steps) {
        if (!step.passedAt) continue;
        passed.set(stepKey(lesson.id, step.id), step.passedAt);
        evidence.set(stepKey(lesson.id, step.id), step.evidence);
      }
    }
    const firstUnpassed = sequence.find((s) => !passed.has(stepKey(s.lesson, s.step))) ?? null;
    return {
      learner: receipt.learner ?? source,
      source,
      madeAt: receipt.madeAt,
      passed,
      evidence,
      firstUnpassed,
    };
  });
  rows.sort((a, b) => a.learner.localeCompare(b.learner));

  const stuck = new Map<string, number>();
  let mostStuck: StepRef | null = null;
  let most = 0;
  sequence.forEach((ref, i) => {
    const previous = sequence[i - 1];
    const key = stepKey(ref.lesson, ref.step);
    const count = rows.filter(
      (row) =>
        (!previous || row.passed.has(stepKey(previous.lesson, previous.step))) &&
        !row.passed.has(key),
    ).length;
    stuck.set(key, count);
    if (count > most) {
      most = count;
      mostStuck = ref;
    }
  });

  const wanted = new Set(
    rows.flatMap((row) => (row.firstUnpassed ? [row.firstUnpassed.lesson] : [])),
  );
  for (const row of rows) for (const key of row.passed.keys()) wanted.add(key.split("/")[0]!);
  return {
    lessons: allLessons,
    shownLessons: allLessons.filter((l) => wanted.has(l.id)),
    rows,
    stuck,
    mostStuck,
  };
}
