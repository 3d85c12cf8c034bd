/**
 * A QR code as an SVG path, drawn by our own markup (no generated SVG text
 * is put into the page). The encoder (uqr) is imported on first use, so the
 * app's first load does not carry it.
 */

/** A QR code to draw: `size` modules square, `path` the dark ones (SVG path data). */
export interface QrDrawing {
  size: number;
  path: string;
}

/** One unit square per dark module, merged along rows (a shorter path). */
export function qrPath(modules: readonly (readonly boolean[])[]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) {
      if (!row[x]) continue;
      let run = 1;
      while (row[x + run]) run++;
      parts.push(`M${x} ${y}h${run}v1h-${run}z`);
      x += run - 1;
    }
  });
  return parts.join("");
}

/** Encode `text` (a URL) as a QR code with low error correction (the most data per size). */
export async function qrDrawing(text: string): Promise<QrDrawing> {
  const { encode } = await import("uqr");
  const qr = encode(text, { ecc: "L", border: 4 });
  return { size: qr.size, path: qrPath(qr.data) };
}
