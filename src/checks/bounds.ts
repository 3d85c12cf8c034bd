import { z } from "zod";

/** An inclusive range; either end may be open. */
export interface Bounds {
  min?: number;
  max?: number;
}

const range = (what: string) =>
  z
    .strictObject({
      min: z.number().optional().describe(`Smallest allowed ${what} (inclusive).`),
      max: z.number().optional().describe(`Largest allowed ${what} (inclusive).`),
    })
    .refine((b) => b.min !== undefined || b.max !== undefined, "give min, max or both")
    .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, {
      message: "min must not be larger than max",
      path: ["max"],
    });

/** A count as authors write it: `3` (exactly three) or `{ max: 3 }` / `{ min: 1, max: 3 }`. */
export const countBoundsSchema = z
  .union([z.number().int().nonnegative(), range("count")])
  .transform((value): Bounds => (typeof value === "number" ? { min: value, max: value } : value));

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
};
const SIZE = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$/i;

/**
 * A size as authors write it: bytes, or a string with a unit as `docker
 * images` prints them ("50MB", decimal) or binary ones ("48MiB").
 */
export const byteSizeSchema = z
  .union([z.number().nonnegative(), z.string()])
  .transform((value, ctx) => {
    if (typeof value === "number") return value;
    const match = SIZE.exec(value);
    if (!match) {
      ctx.addIssue({
        code: "custom",
        message: `"${value}" is not a size; write e.g. 50MB, 48MiB or 1200000`,
      });
      return z.NEVER;
    }
    return Math.round(Number(match[1]) * (UNITS[(match[2] ?? "b").toLowerCase()] ?? 1));
  });

/** `{ min?, max? }` in bytes, each end a {@link byteSizeSchema}. */
export const byteBoundsSchema = z
  .strictObject({
    min: byteSizeSchema.optional().describe('Smallest allowed size, e.g. "5MB".'),
    max: byteSizeSchema
      .optional()
      .describe('Largest allowed size, e.g. "50MB" (decimal units, as `docker images` shows).'),
  })
  .refine((b) => b.min !== undefined || b.max !== undefined, "give min, max or both");

/** Whether `value` lies within `bounds`. */
export function withinBounds(bounds: Bounds, value: number): boolean {
  return (
    (bounds.min === undefined || value >= bounds.min) &&
    (bounds.max === undefined || value <= bounds.max)
  );
}

/** "exactly 3", "at most 3", "at least 1", "1 to 3"; `format` renders each number. */
export function describeBounds(bounds: Bounds, format: (n: number) => string = String): string {
  const { min, max } = bounds;
  if (min !== undefined && max !== undefined)
    return min === max ? `exactly ${format(min)}` : `${format(min)} to ${format(max)}`;
  return min !== undefined ? `at least ${format(min)}` : `at most ${format(max ?? 0)}`;
}

/** Bytes the way `docker images` prints them: decimal units, three significant digits ("7.05MB"). */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : Number(value.toPrecision(3))}${units[unit]}`;
}
