import { describe, expect, it } from "vitest";
import { parseReceipt, ReceiptError } from "../../src/receipts/parseReceipt.ts";
import { MAX_RECEIPT_BYTES, MAX_STEPS } from "../../src/receipts/receiptSchema.ts";
import { receiptOf } from "./receiptFixtures.ts";

const valid = () => structuredClone(receiptOf("Ada", ["welcome/first-container"]));
const message = (text: string) => {
  try {
    parseReceipt(text);
  } catch (err) {
    expect(err).toBeInstanceOf(ReceiptError);
    return (err as Error).message;
  }
  throw new Error("parsed");
};

describe("reading a receipt (untrusted)", () => {
  it("refuses text that is not JSON, or too large to be a receipt", () => {
    expect(message("{not json")).toMatch(/not JSON/);
    expect(message(" ".repeat(MAX_RECEIPT_BYTES + 1))).toMatch(/too large/);
  });

  it("refuses another format, pointing a progress export to the receipt", () => {
    expect(message('{"format":"docker-sandbox-progress","version":1,"lessons":{}}')).toMatch(
      /progress export.*Export progress receipt/,
    );
    expect(message("[]")).toMatch(/not a progress receipt/);
  });

  it("refuses another version, saying which", () => {
    expect(message(JSON.stringify({ ...valid(), version: 2 }))).toMatch(
      /version 2.*reads version 1/,
    );
  });

  it("names the place where a receipt breaks the caps", () => {
    const long = valid();
    long.lessons[0]!.steps[0]!.evidence = ["x".repeat(5000)];
    expect(message(JSON.stringify(long))).toMatch(/lessons\.0\.steps\.0\.evidence\.0/);
    const many = valid();
    many.lessons[0]!.steps = Array.from({ length: MAX_STEPS + 1 }, (_, i) => ({
      id: `s${i}`,
      passedAt: null,
      evidence: [],
    }));
    expect(message(JSON.stringify(many))).toMatch(/lessons\.0\.steps/);
    expect(message(JSON.stringify({ ...valid(), madeAt: "yesterday" }))).toMatch(/madeAt/);
  });

  it("drops fields it does not know rather than refusing the receipt", () => {
    expect(parseReceipt(JSON.stringify({ ...valid(), extra: 1 }))).toEqual(valid());
  });
});
