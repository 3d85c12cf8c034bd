/**
 * A receipt small enough for a QR code, carried in a roster link's
 * #fragment: ids and times of the lessons the learner has reached, and at
 * most a short line of evidence per passed step. It is deflated JSON in
 * base64url, behind a version prefix. The fragment never reaches a server.
 */
import { z } from "zod";
import { shorten } from "./evidence.ts";
import { ReceiptError, receiptFromData } from "./parseReceipt.ts";
import {
  MAX_LESSONS,
  MAX_STEPS,
  RECEIPT_FORMAT,
  RECEIPT_NOTICE,
  RECEIPT_VERSION,
  type Receipt,
  type ReceiptLesson,
} from "./receiptSchema.ts";

const PREFIX = "r1.";
/** The longest compact form made or read (characters): a QR code a phone still scans. */
export const MAX_COMPACT_CHARS = 1800;
/** Evidence of a passed step in the compact form (characters). */
export const COMPACT_EVIDENCE_CHARS = 40;
/** Inflated text beyond this is refused (bytes): a small link must not expand into a flood. */
const MAX_INFLATED_BYTES = 64 * 1024;

const id = z.string().min(1).max(120);
/** A passed step: id, seconds between passing and making the receipt, evidence. A bare id: not passed. */
const compactStep = z.union([
  id,
  z.tuple([id, z.number().int().min(0)]),
  z.tuple([id, z.number().int().min(0), z.string().max(COMPACT_EVIDENCE_CHARS)]),
]);
const compactSchema = z.object({
  c: z.tuple([z.string().max(300), z.string().max(200), z.string().max(300)]),
  n: z.string().max(100).optional(),
  t: z.number().int().min(0),
  b: z.tuple([z.string().max(100), z.string().max(100).nullable()]),
  l: z.array(z.tuple([id, z.array(compactStep).max(MAX_STEPS)])).max(MAX_LESSONS),
});
type Compact = z.output<typeof compactSchema>;

/**
 * The lessons worth a QR code: those with a passed step, and the one after
 * the last of them (where the learner goes next); the first lesson when none
 * passed.
 */
function reached(lessons: readonly ReceiptLesson[]): ReceiptLesson[] {
  const started = (l: ReceiptLesson) => l.steps.some((s) => s.passedAt);
  const last = lessons.findLastIndex(started);
  return lessons.filter((l, i) => started(l) || i === last + 1);
}

function toCompact(receipt: Receipt, withEvidence: boolean): Compact {
  const made = Date.parse(receipt.madeAt);
  return {
    c: [receipt.course.id, receipt.course.title, receipt.course.origin],
    ...(receipt.learner !== null && { n: receipt.learner }),
    t: Math.floor(made / 1000),
    b: [receipt.build.app, receipt.build.vm],
    l: reached(receipt.lessons).map((lesson) => [
      lesson.id,
      lesson.steps.map((step) => {
        if (!step.passedAt) return step.id;
        const ago = Math.max(0, Math.round((made - Date.parse(step.passedAt)) / 1000));
        const evidence = step.evidence[0];
        return withEvidence && evidence
          ? [step.id, ago, shorten(evidence, COMPACT_EVIDENCE_CHARS)]
          : [step.id, ago];
      }),
    ]),
  };
}

/**
 * The compact form of `receipt`, for a QR code: with short evidence if that
 * fits in {@link MAX_COMPACT_CHARS}, else without.
 * @throws {ReceiptError} when even that does not fit.
 */
export async function compactReceipt(receipt: Receipt): Promise<string> {
  for (const withEvidence of [true, false]) {
    const text =
      PREFIX + base64url(await deflate(JSON.stringify(toCompact(receipt, withEvidence))));
    if (text.length <= MAX_COMPACT_CHARS) return text;
  }
  throw new ReceiptError(
    "This progress is too much for a QR code. Export the progress receipt as a file instead.",
  );
}

/**
 * The receipt in a compact form (a roster link's fragment; untrusted):
 * lesson titles are their ids, and only the lessons it lists are in it.
 * @throws {ReceiptError}
 */
export async function expandReceipt(text: string): Promise<Receipt> {
  if (!text.startsWith(PREFIX)) {
    throw new ReceiptError("This link does not carry a progress receipt.");
  }
  if (text.length > MAX_COMPACT_CHARS * 2) {
    throw new ReceiptError("This link's progress receipt is too long.");
  }
  let data: unknown;
  try {
    data = JSON.parse(await inflate(fromBase64url(text.slice(PREFIX.length))));
  } catch (err) {
    throw new ReceiptError(
      `This link's progress receipt is damaged (${(err as Error).message}); scan or copy it again.`,
    );
  }
  const parsed = compactSchema.safeParse(data);
  if (!parsed.success) {
    throw new ReceiptError("This link's progress receipt is damaged; scan or copy it again.");
  }
  const compact = parsed.data;
  const made = compact.t * 1000;
  return receiptFromData({
    format: RECEIPT_FORMAT,
    version: RECEIPT_VERSION,
    notice: RECEIPT_NOTICE,
    course: { id: compact.c[0], title: compact.c[1], origin: compact.c[2] },
    learner: compact.n ?? null,
    madeAt: new Date(made).toISOString(),
    build: { app: compact.b[0], vm: compact.b[1] },
    lessons: compact.l.map(([lessonId, steps]) => ({
      id: lessonId,
      title: lessonId,
      steps: steps.map((step) =>
        typeof step === "string"
          ? { id: step, passedAt: null, evidence: [] }
          : {
              id: step[0],
              passedAt: new Date(made - step[1] * 1000).toISOString(),
              evidence: step[2] ? [step[2]] : [],
            },
      ),
    })),
  });
}

/** A link to the roster page next to `pageUrl` that opens with this compact receipt. */
export function rosterLink(compact: string, pageUrl: string): string {
  const url = new URL("roster.html", pageUrl);
  url.hash = compact;
  return url.href;
}

async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflate, refusing output past {@link MAX_INFLATED_BYTES} without reading it all. */
async function inflate(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as BlobPart])
    .stream()
    .pipeThrough(new DecompressionStream("deflate-raw"));
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_INFLATED_BYTES) {
      await reader.cancel();
      throw new Error("it expands to too much");
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(
    await new Blob(chunks as BlobPart[]).arrayBuffer(),
  );
}

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array {
  if (!/^[\w-]*$/.test(text)) throw new Error("it is not base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
