/**
 * Receipts as the roster receives them: files, pasted text (one receipt, a
 * JSON array of them, or a roster link), a link's #fragment. Each one is
 * untrusted and read on its own: a bad one is an error naming its source,
 * and the others still count.
 */
import { expandReceipt } from "../receipts/compactReceipt.ts";
import { parseReceipt, ReceiptError, receiptFromData } from "../receipts/parseReceipt.ts";
import { MAX_RECEIPT_BYTES } from "../receipts/receiptSchema.ts";
import type { RosterEntry } from "./rosterView.ts";

/** At most this many files, or receipts in a pasted array, at once. */
export const MAX_AT_ONCE = 200;

/** A receipt that could not be read, and why. */
export interface ReadError {
  source: string;
  message: string;
}

export interface ReadResult {
  entries: RosterEntry[];
  errors: ReadError[];
}

/** The parts of a File read here. */
export interface ReceiptFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

const COMPACT = /(?:^|#)(r1\.[\w-]+)$/;

function failed(source: string, err: unknown): ReadError {
  const message = err instanceof ReceiptError ? err.message : `Could not read it: ${String(err)}`;
  return { source, message };
}

/** Receipt files (dropped or picked). */
export async function readReceiptFiles(files: readonly ReceiptFile[]): Promise<ReadResult> {
  const result: ReadResult = { entries: [], errors: [] };
  if (files.length > MAX_AT_ONCE) {
    result.errors.push({
      source: `${files.length} files`,
      message: `That is more than ${MAX_AT_ONCE} files at once: add them in smaller batches.`,
    });
    return result;
  }
  for (const file of files) {
    if (file.size > MAX_RECEIPT_BYTES) {
      result.errors.push(
        failed(
          file.name,
          new ReceiptError(
            `Too large for a progress receipt (over ${MAX_RECEIPT_BYTES / 1024} KiB).`,
          ),
        ),
      );
      continue;
    }
    try {
      result.entries.push({ source: file.name, receipt: parseReceipt(await file.text()) });
    } catch (err) {
      result.errors.push(failed(file.name, err));
    }
  }
  return result;
}

/** Pasted text: a receipt, a JSON array of receipts, or a roster link (or its fragment). */
export async function readReceiptText(text: string, source = "pasted"): Promise<ReadResult> {
  const trimmed = text.trim();
  const compact = COMPACT.exec(trimmed)?.[1];
  if (compact) return readFragment(compact, source);
  if (trimmed.length > MAX_RECEIPT_BYTES * 10) {
    return {
      entries: [],
      errors: [
        failed(
          source,
          new ReceiptError("That is too much text at once: add the receipts as files."),
        ),
      ],
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch {
    return {
      entries: [],
      errors: [
        failed(
          source,
          new ReceiptError("This is neither a progress receipt (JSON) nor a roster link."),
        ),
      ],
    };
  }
  const items = Array.isArray(data) ? data : [data];
  if (items.length > MAX_AT_ONCE) {
    return {
      entries: [],
      errors: [
        failed(
          source,
          new ReceiptError(
            `More than ${MAX_AT_ONCE} receipts at once: add them in smaller batches.`,
          ),
        ),
      ],
    };
  }
  const result: ReadResult = { entries: [], errors: [] };
  items.forEach((item, i) => {
    const name = Array.isArray(data) ? `${source} #${i + 1}` : source;
    try {
      result.entries.push({ source: name, receipt: receiptFromData(item) });
    } catch (err) {
      result.errors.push(failed(name, err));
    }
  });
  return result;
}

/** A roster link's #fragment (without the #): a compact receipt from a QR code. */
export async function readFragment(fragment: string, source = "QR link"): Promise<ReadResult> {
  try {
    return { entries: [{ source, receipt: await expandReceipt(fragment) }], errors: [] };
  } catch (err) {
    return { entries: [], errors: [failed(source, err)] };
  }
}
