/**
 * A progress receipt: what a learner did in one course, as a JSON file they
 * hand to their instructor (docs/receipts.md). It is read by the roster page
 * as untrusted input, so every field has a size cap, and the counts too.
 *
 * A receipt is a record, not a proof: the learner's browser wrote it, and
 * anyone can edit a JSON file. It says so itself, in {@link RECEIPT_NOTICE}.
 */
import { z } from "zod";
import { EVIDENCE_CHARS, EVIDENCE_LINES } from "./evidence.ts";

/** The `format` tag of a receipt file. */
export const RECEIPT_FORMAT = "docker-sandbox-progress-receipt";
/** The receipt format's version; a reader refuses others with a clear message. */
export const RECEIPT_VERSION = 1;

/** Written into every receipt, and shown wherever one is made or read. */
export const RECEIPT_NOTICE =
  "A record, not a proof: this file was written by the learner's browser and anyone can edit it. " +
  "The evidence is what the sandbox's checks saw when each step passed.";

/** A receipt file larger than this is refused unread (bytes). */
export const MAX_RECEIPT_BYTES = 512 * 1024;
/** At most this many lessons per receipt. */
export const MAX_LESSONS = 200;
/** At most this many steps per lesson. */
export const MAX_STEPS = 50;

const id = z.string().min(1).max(120);
const text = (max: number) => z.string().max(max);

const receiptStepSchema = z.object({
  /** The step's id in its lesson. */
  id,
  /** When it first passed (ISO 8601), or null: not passed. */
  passedAt: z.iso.datetime().nullable(),
  /** What the checks saw when it passed (evidence.ts); empty when nothing was kept. */
  evidence: z.array(text(EVIDENCE_CHARS)).max(EVIDENCE_LINES),
});

const receiptLessonSchema = z.object({
  id,
  title: text(200),
  /** Every step of the lesson in order, passed or not, so a roster knows what comes next. */
  steps: z.array(receiptStepSchema).max(MAX_STEPS),
});

/**
 * The receipt file. Unknown fields are dropped, not refused, so a later
 * minor addition still reads in an older roster.
 */
export const receiptSchema = z.object({
  format: z.literal(RECEIPT_FORMAT),
  version: z.literal(RECEIPT_VERSION),
  /** {@link RECEIPT_NOTICE}, as written when the receipt was made. */
  notice: text(500),
  course: z.object({
    /** "built-in" for this site's own course; a course from a URL has its own. */
    id: text(300).min(1),
    title: text(200),
    /** Where the course came from: "built-in", or the origin it was loaded from. */
    origin: text(300).min(1),
  }),
  /** The name the learner typed when exporting; null when they gave none. */
  learner: text(100).nullable(),
  /** When the receipt was made (ISO 8601). */
  madeAt: z.iso.datetime(),
  /** What made it: the app's version and the VM build's recipe hash (null if unknown). */
  build: z.object({ app: text(100), vm: text(100).nullable() }),
  lessons: z.array(receiptLessonSchema).max(MAX_LESSONS),
});

export type Receipt = z.output<typeof receiptSchema>;
export type ReceiptLesson = Receipt["lessons"][number];
export type ReceiptStep = ReceiptLesson["steps"][number];
export type ReceiptCourse = Receipt["course"];
