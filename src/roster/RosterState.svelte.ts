import { receiptFromData } from "../receipts/parseReceipt.ts";
import type { KeyValueStore } from "../state/keyValueStore.ts";
import type { ReadError, ReadResult } from "./readReceipts.ts";
import { rosterView, type RosterEntry, type RosterView } from "./rosterView.ts";

/** The roster keeps at most this many receipts (the oldest added go first). */
export const MAX_ROSTER_RECEIPTS = 500;
const KEY = "roster:receipts";

/** A course the roster has receipts of. */
export interface RosterCourse {
  id: string;
  title: string;
  origin: string;
  learners: number;
}

/**
 * Who a receipt is about: the same learner in the same course again
 * replaces the older receipt (they exported a newer one). A receipt without
 * a name is told apart by where it came from and when it was made.
 */
function learnerKey({ source, receipt }: RosterEntry): string {
  const who = receipt.learner?.trim().toLowerCase();
  return `${receipt.course.id}\n${who ? `name:${who}` : `source:${source}@${receipt.madeAt}`}`;
}

/**
 * The roster page's state: the receipts added so far (kept across reloads
 * in `store`), the errors of the last ones added, and the course shown.
 */
export class RosterState {
  #entries = $state.raw<RosterEntry[]>([]);
  #errors = $state.raw<ReadError[]>([]);
  #notes = $state.raw<string[]>([]);
  #course = $state<string | null>(null);
  #storageError = $state<string | null>(null);
  readonly #view = $derived.by(() =>
    rosterView(this.#entries.filter((e) => e.receipt.course.id === this.course)),
  );

  constructor(private readonly store: KeyValueStore | null) {}

  /** Read the receipts kept from earlier visits; a damaged one is left out. */
  async load(): Promise<void> {
    const stored = await this.store?.get(KEY).catch(() => null);
    if (!Array.isArray(stored)) return;
    const entries: RosterEntry[] = [];
    for (const item of stored.slice(0, MAX_ROSTER_RECEIPTS)) {
      try {
        const source = (item as { source?: unknown }).source;
        if (typeof source !== "string") continue;
        entries.push({
          source: source.slice(0, 200),
          receipt: receiptFromData((item as { receipt?: unknown }).receipt),
        });
      } catch {
        // A kept receipt this version cannot read: dropped, as it cannot be shown.
      }
    }
    this.#entries = [...entries, ...this.#entries];
  }

  get entries(): readonly RosterEntry[] {
    return this.#entries;
  }
  /** What could not be read in the last batch added. */
  get errors(): readonly ReadError[] {
    return this.#errors;
  }
  /** What happened to the last batch (added, replaced), one line each. */
  get notes(): readonly string[] {
    return this.#notes;
  }
  get storageError(): string | null {
    return this.#storageError;
  }

  /** The courses receipts are for, the most learners first. */
  get courses(): RosterCourse[] {
    const courses: RosterCourse[] = [];
    for (const { receipt } of this.#entries) {
      const known = courses.find((c) => c.id === receipt.course.id);
      if (known) known.learners++;
      else courses.push({ ...receipt.course, learners: 1 });
    }
    return courses.sort((a, b) => b.learners - a.learners);
  }

  /** The course shown: the one chosen, else the one with the most learners. */
  get course(): string | null {
    const courses = this.courses;
    return courses.find((c) => c.id === this.#course)?.id ?? courses[0]?.id ?? null;
  }
  set course(id: string | null) {
    this.#course = id;
  }

  get view(): RosterView {
    return this.#view;
  }

  /** Add what was read; a newer receipt of the same learner replaces the older one. */
  async add(read: ReadResult): Promise<void> {
    const entries = [...this.#entries];
    const notes: string[] = [];
    for (const entry of read.entries) {
      const key = learnerKey(entry);
      const at = entries.findIndex((e) => learnerKey(e) === key);
      const name = entry.receipt.learner ?? entry.source;
      if (at < 0) {
        entries.push(entry);
        notes.push(`Added ${name}.`);
      } else if (entries[at]!.receipt.madeAt <= entry.receipt.madeAt) {
        entries[at] = entry;
        notes.push(`Replaced ${name}'s earlier receipt.`);
      } else {
        notes.push(`Kept ${name}'s newer receipt already in the roster.`);
      }
    }
    const dropped = entries.length - MAX_ROSTER_RECEIPTS;
    if (dropped > 0)
      notes.push(
        `The roster keeps ${MAX_ROSTER_RECEIPTS} receipts: the ${dropped} added first were dropped.`,
      );
    this.#entries = entries.slice(Math.max(0, dropped));
    this.#errors = read.errors;
    this.#notes = notes;
    if (read.entries[0]) this.#course = read.entries.at(-1)!.receipt.course.id;
    await this.#save();
  }

  /** Forget every receipt, here and in the browser's storage. */
  async clear(): Promise<void> {
    this.#entries = [];
    this.#errors = [];
    this.#notes = ["The roster is empty."];
    await this.#save();
  }

  async #save(): Promise<void> {
    if (!this.store) return;
    try {
      await this.store.put(KEY, $state.snapshot(this.#entries));
      this.#storageError = null;
    } catch (err) {
      this.#storageError = `The roster could not be kept in this browser (${(err as Error).message}); it is lost on reload. Export CSV to keep it.`;
    }
  }
}
