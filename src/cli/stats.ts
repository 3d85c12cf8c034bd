/** Median of a sample (the mean of the middle two for an even count), rounded to ms. */
export function median(values: number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return Math.round(s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2);
}

/** [min, max] of a sample. */
export function spread(values: number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

/** Wall-clock duration of an async step in ms. */
export async function timeIt(step: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await step();
  return Math.round(performance.now() - t);
}

/**
 * A step's wall time and the guest instructions it executed (v86's 32-bit
 * counter; one step is well under 2^32). Instructions are the noise-free
 * measure of work: wall time on these shared machines swings 2x between
 * identical runs, the instruction count by about 1%.
 */
export async function measure(
  guest: { instructionCount(): number },
  step: () => Promise<unknown>,
): Promise<{ ms: number; instructions: number }> {
  const before = guest.instructionCount();
  const ms = await timeIt(step);
  return { ms, instructions: (guest.instructionCount() - before) >>> 0 };
}
