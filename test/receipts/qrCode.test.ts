import jsQR from "jsqr";
import { describe, expect, it } from "vitest";
import { MAX_COMPACT_CHARS } from "../../src/receipts/compactReceipt.ts";
import { qrDrawing, qrPath } from "../../src/receipts/qrCode.ts";

/** Paint a drawing's path (only the `M x y h n v1 h-n z` runs qrPath writes) at `scale` px per module. */
function paint(size: number, path: string, scale = 4): Uint8ClampedArray {
  const width = size * scale;
  const rgba = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y, run] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let px = +x! * scale; px < (+x! + +run!) * scale; px++) {
      for (let py = +y! * scale; py < (+y! + 1) * scale; py++) {
        rgba.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
      }
    }
  }
  return rgba;
}

describe("the receipt's QR code", () => {
  it("draws each row's dark modules as merged runs", () => {
    expect(
      qrPath([
        [true, true, false, true],
        [false, false, false, false],
        [false, true, true, true],
      ]),
    ).toBe("M0 0h2v1h-2zM3 0h1v1h-1zM1 2h3v1h-3z");
  });

  it("scans back to the roster link it encodes, up to the longest compact receipt", async () => {
    const base = "https://learn.example.org/roster.html#r1.";
    const longest = base + "VY_Bbs-IwDEB".repeat(MAX_COMPACT_CHARS).slice(0, MAX_COMPACT_CHARS - 3);
    for (const link of [`${base}VY_BbsIwDEB_JfJphwS10abc-XYZ`, longest]) {
      const { size, path } = await qrDrawing(link);
      const scale = 4;
      const found = jsQR(paint(size, path, scale), size * scale, size * scale);
      expect(found?.data).toBe(link);
    }
  });
});
