import { describe, expect, it } from "vitest";
import { nestedRepetition } from "../../src/checks/nestedRepetition.ts";

describe("nestedRepetition", () => {
  it("finds groups that repeat a quantifier or alternatives (exponential backtracking)", () => {
    const cases: [string, string][] = [
      ["^(a+)+$", "(a+)+"],
      ["(a*)*", "(a*)*"],
      ["^(a|aa)+$", "(a|aa)+"],
      ["(?:\\d+\\.){3}\\d+", "(?:\\d+\\.){3}"],
      ["x((ab)*c)+", "((ab)*c)+"],
      ["(?<word>\\w+\\s?)*?$", "(?<word>\\w+\\s?)*?"],
      ["^([a-z]{2,})+$", "([a-z]{2,})+"],
      ["((a)?b){2,5}", "((a)?b){2,5}"],
    ];
    for (const [pattern, part] of cases) expect(nestedRepetition(pattern), pattern).toBe(part);
  });

  it("accepts single repetition, optional groups and look-alikes that are not syntax", () => {
    const safe = [
      "^\\[ALL\\] \\[(CAP_)?CHOWN\\]",
      "^(?![\\s\\S]*eth0)[\\s\\S]*127\\.0\\.0\\.1",
      "^\\d+\\.\\d+\\.\\d+\\.\\d+\\s*$",
      "(ab)+c{2}",
      "(a+)?",
      "(a|b){1}",
      "[(a+)+]+",
      "\\(a+\\)+",
      "(\\p{L})+",
      "(\\u{1F600})+",
      "(a\\{2\\})+",
      "[\\]a+]+",
      "a|b+|(c)+",
    ];
    for (const pattern of safe) expect(nestedRepetition(pattern), pattern).toBeNull();
  });
});
