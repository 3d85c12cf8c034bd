import { capEvidence } from "./evidence.ts";
import {
  MAX_LESSONS,
  MAX_STEPS,
  RECEIPT_FORMAT,
  RECEIPT_NOTICE,
  RECEIPT_VERSION,
  type Receipt,
  type ReceiptCourse,
  type ReceiptLesson,
} from "./receiptSchema.ts";

/** The course id and origin of this site's own course (lessons/). */
export const BUILT_IN_COURSE_ID = "built-in";

/** The parts of a lesson a receipt lists: its id, title and step ids in order. */
export interface ReceiptLessonSource {
  id: string;
  title: string;
  steps: readonly { id: string }[];
}

/**
 * The learner's progress as src/state/progressStore.ts keeps it: per lesson
 * id, per step id, when it passed and what the checks saw. (Declared here so
 * this layer does not import the state layer above it.)
 */
export interface ProgressRecord {
  lessons: Record<
    string,
    { steps: Record<string, { passedAt: string; evidence?: readonly string[] | undefined }> }
  >;
}

export interface ReceiptInput {
  progress: ProgressRecord;
  /** The course's lessons in course order: every one is listed, passed or not. */
  lessons: readonly ReceiptLessonSource[];
  course: ReceiptCourse;
  /** The learner's name as typed; blank means none. */
  learner?: string | null;
  /** When the receipt is made (ISO 8601). */
  madeAt: string;
  build: Receipt["build"];
}

/**
 * A receipt of `progress`: every lesson of the course with every step in
 * order (so a roster knows which step comes next), when each passed and the
 * evidence kept with it. Progress of lessons the course no longer has (a
 * lesson renamed since) is listed after the course's lessons, passed steps
 * only. Within the schema's caps; beyond them, the last lessons and steps
 * are left out.
 */
export function buildReceipt(input: ReceiptInput): Receipt {
  const { progress } = input;
  const lesson = (id: string, title: string, stepIds: readonly string[]): ReceiptLesson => ({
    id,
    title: title.slice(0, 200),
    steps: stepIds.slice(0, MAX_STEPS).map((stepId) => {
      const record = progress.lessons[id]?.steps[stepId];
      return {
        id: stepId,
        passedAt: record?.passedAt ?? null,
        evidence: capEvidence(record?.evidence ?? []),
      };
    }),
  });
  const known = new Set(input.lessons.map((l) => l.id));
  const lessons = [
    ...input.lessons.map((l) =>
      lesson(
        l.id,
        l.title,
        l.steps.map((s) => s.id),
      ),
    ),
    ...Object.entries(progress.lessons)
      .filter(([id]) => !known.has(id))
      .map(([id, { steps }]) => lesson(id, id, Object.keys(steps))),
  ];
  const learner = input.learner?.trim().slice(0, 100) || null;
  return {
    format: RECEIPT_FORMAT,
    version: RECEIPT_VERSION,
    notice: RECEIPT_NOTICE,
    course: input.course,
    learner,
    madeAt: input.madeAt,
    build: input.build,
    lessons: lessons.slice(0, MAX_LESSONS),
  };
}

/** The receipt's file name: `<name>-progress.json`, the name made safe for any file system. */
export function receiptFileName(receipt: Receipt): string {
  const name = (receipt.learner ?? "")
    .normalize("NFC")
    .replace(/[^\p{L}\p{N}_.-]+/gu, "-")
    .replace(/^[-.]+|[-.]+$/g, "")
    .slice(0, 60);
  return `${name || "learner"}-progress.json`;
}
