import { describe, expect, it } from "vitest";
import { compactReceipt, rosterLink } from "../../src/receipts/compactReceipt.ts";
import { MAX_RECEIPT_BYTES } from "../../src/receipts/receiptSchema.ts";
import { MAX_AT_ONCE, readReceiptFiles, readReceiptText } from "../../src/roster/readReceipts.ts";
import { receiptOf } from "./receiptFixtures.ts";

const file = (name: string, text: string, size = text.length) => ({
  name,
  size,
  text: async () => text,
});

describe("receipts as the roster receives them", () => {
  it("reads each file on its own: a bad one is an error naming it, the others count", async () => {
    const good = JSON.stringify(receiptOf("Ada", ["welcome/first-container"]));
    const result = await readReceiptFiles([
      file("ada-progress.json", good),
      file("notes.txt", "hello"),
      file("huge.json", "", MAX_RECEIPT_BYTES + 1),
    ]);
    expect(result.entries.map((e) => [e.source, e.receipt.learner])).toEqual([
      ["ada-progress.json", "Ada"],
    ]);
    expect(result.errors.map((e) => e.source)).toEqual(["notes.txt", "huge.json"]);
    expect(result.errors[1]!.message).toMatch(/Too large/);
  });

  it("refuses too many files at once", async () => {
    const files = Array.from({ length: MAX_AT_ONCE + 1 }, (_, i) => file(`${i}.json`, "{}"));
    const result = await readReceiptFiles(files);
    expect(result.entries).toEqual([]);
    expect(result.errors[0]!.message).toMatch(/smaller batches/);
  });

  it("reads pasted JSON: one receipt, or an array with a bad item among good ones", async () => {
    const ada = receiptOf("Ada", []);
    expect((await readReceiptText(JSON.stringify(ada))).entries).toHaveLength(1);
    const result = await readReceiptText(JSON.stringify([ada, { nope: 1 }, receiptOf("Bo", [])]));
    expect(result.entries.map((e) => e.source)).toEqual(["pasted #1", "pasted #3"]);
    expect(result.errors.map((e) => e.source)).toEqual(["pasted #2"]);
    expect((await readReceiptText("not json")).errors[0]!.message).toMatch(/neither/);
  });

  it("reads a pasted roster link from a QR code", async () => {
    const link = rosterLink(
      await compactReceipt(receiptOf("Ada", ["welcome/first-container"])),
      "https://x.example/",
    );
    const result = await readReceiptText(`  ${link}\n`);
    expect(result.errors).toEqual([]);
    expect(result.entries[0]!.receipt.learner).toBe("Ada");
  });
});
