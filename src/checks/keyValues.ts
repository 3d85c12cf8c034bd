import { fail, pass, type AssertionResult } from "./assertionResult.ts";
import { describeTextMatch, matchText, type TextMatch } from "./textMatch.ts";

/** `["A=1", "B=x=y"]` → `{ A: "1", B: "x=y" }`; later entries win, as in Docker. */
export function parseEnv(env: readonly string[] | null | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of env ?? []) {
    const eq = entry.indexOf("=");
    if (eq === -1) result[entry] = "";
    else result[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return result;
}

/** How to phrase feedback for one kind of key/value pairs. */
export interface KeyValueWording {
  /** "environment variable", "label". */
  noun: string;
  /** Whose pairs these are, e.g. "hello:v1", "container web". */
  owner: string;
  /** The fix for a missing or wrong pair, e.g. (k, v) => `Add ENV ${k}=${v} …`. */
  fix: (key: string, example: string) => string;
}

/** One assertion per expected key: present, and its value matches. */
export function judgeKeyValues(
  expected: Record<string, TextMatch>,
  actual: Record<string, string>,
  wording: KeyValueWording,
): AssertionResult[] {
  return Object.entries(expected).map(([key, match]) => {
    const value = actual[key];
    const example = "equals" in match ? match.equals : "contains" in match ? match.contains : "…";
    if (value === undefined) {
      return fail(`${wording.owner} has no ${wording.noun} ${key}.`, wording.fix(key, example));
    }
    if (!matchText(match, value)) {
      return fail(
        `${wording.noun[0]?.toUpperCase()}${wording.noun.slice(1)} ${key} of ${wording.owner} is ${JSON.stringify(value)}, expected ${describeTextMatch(match)}.`,
        wording.fix(key, example),
      );
    }
    return pass(`${wording.owner} has ${wording.noun} ${key}=${value}.`);
  });
}
