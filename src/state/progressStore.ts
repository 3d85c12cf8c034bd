/**
 * The learner's progress: which steps of which lessons passed, kept in the
 * browser (IndexedDB, next to the workspace copies) and exportable as a file.
 */
import { z } from "zod";
import { ID_PATTERN } from "../content/lessonSchema.ts";
import { capEvidence } from "../receipts/evidence.ts";
import { keyValueStore, type KeyValueStore } from "./keyValueStore.ts";

const stepProgressSchema = z.strictObject({
  /** When the step first passed (ISO 8601). A passed step stays passed. */
  passedAt: z.iso.datetime(),
  /**
   * What the checks saw when it passed (evidence.ts), capped on the way in.
   * Optional: progress stored before evidence was kept still loads.
   */
  evidence: z.array(z.string()).transform(capEvidence).optional(),
});

const idSchema = z.string().regex(ID_PATTERN);

/** Progress as stored and as exported: per lesson id, per step id. */
export const progressSchema = z.strictObject({
  format: z.literal("docker-sandbox-progress"),
  version: z.literal(1),
  lessons: z.record(idSchema, z.strictObject({ steps: z.record(idSchema, stepProgressSchema) })),
});

export type Progress = z.output<typeof progressSchema>;

export function emptyProgress(): Progress {
  return { format: "docker-sandbox-progress", version: 1, lessons: {} };
}

/** A progress file could not be read. The message says why, for the learner. */
export class ProgressFileError extends Error {
  override readonly name = "ProgressFileError";
}

/** Parse an exported progress file (JSON text). */
export function parseProgressFile(text: string): Progress {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ProgressFileError("This file is not a progress export: it is not JSON.");
  }
  const result = progressSchema.safeParse(data);
  if (result.success) return result.data;
  const format = (data as { format?: unknown } | null)?.format;
  if (format !== "docker-sandbox-progress") {
    throw new ProgressFileError(
      'This file is not a progress export (it has no "format": "docker-sandbox-progress").',
    );
  }
  const issue = result.error.issues[0];
  throw new ProgressFileError(
    `This progress file is damaged at ${issue?.path.join(".") || "its top level"}: ${issue?.message ?? "invalid"}.`,
  );
}

/** Import merges: a step passed in either copy is passed, at its earliest time. */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const merged = structuredClone(a);
  for (const [lesson, { steps }] of Object.entries(b.lessons)) {
    const target = (merged.lessons[lesson] ??= { steps: {} });
    for (const [step, record] of Object.entries(steps)) {
      const existing = target.steps[step];
      if (!existing || record.passedAt < existing.passedAt) target.steps[step] = { ...record };
    }
  }
  return merged;
}

/**
 * Progress kept in the browser. Every change is a read-merge-write in one
 * transaction of what is stored (not a write of this tab's copy), so two
 * tabs passing different steps keep both. Each change resolves with the
 * stored progress after it, other tabs' steps included.
 */
export interface ProgressStore {
  load(): Promise<Progress>;
  /** A step passed at `at` (ISO 8601), the checks having seen `evidence`; an earlier pass is kept. */
  markPassed(lessonId: string, stepId: string, at: string, evidence?: string[]): Promise<Progress>;
  /** A lesson's steps count as not done again (Reset lesson). */
  forget(lessonId: string): Promise<Progress>;
  /** Add `progress` (an imported file): a step passed in either counts as passed. */
  merge(progress: Progress): Promise<Progress>;
}

const KEY = "progress";

/** A stored record as progress; a damaged one reads as none (and is replaced on the next change). */
function parse(value: unknown): Progress {
  const result = progressSchema.safeParse(value);
  return result.success ? result.data : emptyProgress();
}

/** Progress in a key-value store. */
export function progressStore(store: KeyValueStore = keyValueStore()): ProgressStore {
  const change = (fn: (stored: Progress) => Progress) => store.update(KEY, (old) => fn(parse(old)));
  return {
    load: async () => parse(await store.get(KEY).catch(() => null)),
    markPassed: (lessonId, stepId, at, evidence) =>
      change((stored) =>
        mergeProgress(stored, {
          ...emptyProgress(),
          lessons: {
            [lessonId]: {
              steps: {
                [stepId]: { passedAt: at, ...(evidence && { evidence: capEvidence(evidence) }) },
              },
            },
          },
        }),
      ),
    forget: (lessonId) =>
      change((stored) => {
        delete stored.lessons[lessonId];
        return stored;
      }),
    merge: (progress) => change((stored) => mergeProgress(stored, progress)),
  };
}
