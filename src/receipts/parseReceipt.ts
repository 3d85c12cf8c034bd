import {
  MAX_RECEIPT_BYTES,
  RECEIPT_FORMAT,
  RECEIPT_VERSION,
  receiptSchema,
  type Receipt,
} from "./receiptSchema.ts";

/** A receipt could not be read; the message says why, for the instructor. */
export class ReceiptError extends Error {
  override readonly name = "ReceiptError";
}

/**
 * Read a receipt file's text (untrusted). Refuses text over
 * {@link MAX_RECEIPT_BYTES}, anything that is not JSON, another file format
 * or version, and a receipt that breaks the schema's caps, naming the first
 * place that is wrong.
 * @throws {ReceiptError}
 */
export function parseReceipt(text: string): Receipt {
  if (text.length > MAX_RECEIPT_BYTES) {
    throw new ReceiptError(
      `This is too large for a progress receipt (over ${MAX_RECEIPT_BYTES / 1024} KiB).`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ReceiptError("This is not a progress receipt: it is not JSON.");
  }
  return receiptFromData(data);
}

/** Check parsed JSON as a receipt. @throws {ReceiptError} */
export function receiptFromData(data: unknown): Receipt {
  const tagged = (data ?? {}) as { format?: unknown; version?: unknown };
  if (tagged.format !== RECEIPT_FORMAT) {
    const hint =
      tagged.format === "docker-sandbox-progress"
        ? " It is a progress export, for the learner's own browser: ask for Progress → Export progress receipt instead."
        : "";
    throw new ReceiptError(
      `This is not a progress receipt (it has no "format": "${RECEIPT_FORMAT}").${hint}`,
    );
  }
  if (tagged.version !== RECEIPT_VERSION) {
    throw new ReceiptError(
      `This receipt has version ${JSON.stringify(tagged.version)}; this roster reads version ${RECEIPT_VERSION}. Open the roster of the same site the learner used.`,
    );
  }
  const result = receiptSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new ReceiptError(
    `This receipt is damaged at ${issue?.path.join(".") || "its top level"}: ${issue?.message ?? "invalid"}.`,
  );
}
