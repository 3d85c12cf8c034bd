import { describe, expect, it } from "vitest";
import { CHAPTER_SECONDS, splitChapters } from "./shards.ts";

describe("splitChapters", () => {
  it("balances the shards by time, longest first, each in course order", () => {
    const seconds: Record<string, number> = { a: 100, b: 400, c: 300, d: 200, e: 100 };
    expect(splitChapters(["a", "b", "c", "d", "e"], 2, (id) => seconds[id]!)).toEqual([
      ["a", "b", "e"],
      ["c", "d"],
    ]);
  });

  it("puts every chapter in exactly one shard", () => {
    const chapters = Object.keys(CHAPTER_SECONDS).concat("new-chapter");
    const shards = splitChapters(chapters, 2);
    expect(shards.flat().sort()).toEqual([...chapters].sort());
    const total = (ids: string[]) => ids.reduce((n, id) => n + (CHAPTER_SECONDS[id] ?? 300), 0);
    // Greedy longest-first: the shards differ by at most the longest chapter.
    expect(Math.abs(total(shards[0]!) - total(shards[1]!))).toBeLessThanOrEqual(
      Math.max(...Object.values(CHAPTER_SECONDS)),
    );
  });
});
