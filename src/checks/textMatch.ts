import { z } from "zod";
import { nestedRepetition } from "./nestedRepetition.ts";

/**
 * How a piece of text is compared, once parsed: a check never holds a bare
 * string whose meaning depends on the field it is in.
 */
export type TextMatch =
  { equals: string } | { contains: string } | { matches: string; flags?: string };

/**
 * A text matcher as authors write it: a plain string, or exactly one of
 * `equals`, `contains`, `matches` (a JavaScript regular expression, with
 * optional `flags` such as "i"). What a plain string means depends on the
 * field: a value ("production") is compared whole, output ("Running on") is
 * searched, so each field picks `plain` once, here.
 */
export function textMatchSchema(plain: "equals" | "contains") {
  const form = z
    .strictObject({
      equals: z.string().optional().describe("The text must be exactly this."),
      contains: z.string().optional().describe("The text must contain this."),
      matches: z
        .string()
        .optional()
        .describe(
          'A JavaScript regular expression the text must match, e.g. "^v\\\\d+". A group that ' +
            'repeats may not itself repeat or have alternatives ("(a+)+", "(a|b)*"). A text ' +
            "over 16 000 characters is searched in its first and last 8000 only.",
        ),
      flags: z
        .string()
        .regex(/^[imsu]*$/, 'only the regular expression flags "i", "m", "s" and "u" are allowed')
        .optional()
        .describe('Flags for `matches`, e.g. "i" to ignore case.'),
    })
    .superRefine((value, ctx) => {
      const given = (["equals", "contains", "matches"] as const).filter(
        (k) => value[k] !== undefined,
      );
      if (given.length !== 1) {
        ctx.addIssue({
          code: "custom",
          message: `give exactly one of equals, contains, matches (got ${given.join(", ") || "none"})`,
        });
      }
      if (value.flags !== undefined && value.matches === undefined) {
        ctx.addIssue({ code: "custom", path: ["flags"], message: "flags only apply to matches" });
      }
      if (value.matches !== undefined) {
        const problem = regexProblem(value.matches, value.flags);
        if (problem) ctx.addIssue({ code: "custom", path: ["matches"], message: problem });
      }
    });
  return z.union([z.string(), form]).transform((value): TextMatch => {
    if (typeof value === "string")
      return plain === "equals" ? { equals: value } : { contains: value };
    if (value.equals !== undefined) return { equals: value.equals };
    if (value.contains !== undefined) return { contains: value.contains };
    return value.flags
      ? { matches: value.matches ?? "", flags: value.flags }
      : { matches: value.matches ?? "" };
  });
}

/** Why `source` cannot be a `matches` pattern, or null when it can. */
function regexProblem(source: string, flags: string | undefined): string | null {
  try {
    new RegExp(source, flags);
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
  const nested = nestedRepetition(source);
  if (nested === null) return null;
  return (
    `/${source}/: ${JSON.stringify(nested)} repeats a group that itself repeats or has ` +
    "alternatives, which can take exponential time on some output and freeze the app. " +
    'Repeat single items instead (e.g. "a+" for "(a+)+", "[ab]+" for "(a|b)+") or write ' +
    "the repetitions out."
  );
}

// How much of a text a regular expression sees. JavaScript regexes cannot be
// interrupted, and even without nested repetition (refused above) ordinary
// patterns backtrack in quadratic time: `[\s\S]*x` took 0.1 s on 16 000
// characters, 2 s on 64 KiB and would take minutes on 1 MB of container logs.
// A longer text is cut to its first and last REGEX_HALF characters, at line
// ends where there are any, because checks look near the start (a server's
// "Listening on") or the end (the result of the last command). `equals` and
// `contains` are linear and always see the whole text.
const REGEX_HALF = 8000;

/** The part of `text` a regular expression is run on (see {@link REGEX_HALF}). */
function regexSubject(text: string): string {
  if (text.length <= 2 * REGEX_HALF) return text;
  const head = text.slice(0, REGEX_HALF);
  const tail = text.slice(-REGEX_HALF);
  // Whole lines only, so that `^…$` with the m flag never sees part of a line.
  const headEnd = head.lastIndexOf("\n");
  const tailStart = tail.indexOf("\n") + 1;
  return `${headEnd > 0 ? head.slice(0, headEnd) : head}\n${tail.slice(tailStart)}`;
}

/**
 * Whether `text` satisfies `match`. A regular expression sees only the start
 * and the end of a text longer than 16 000 characters: see {@link truncationNote}.
 */
export function matchText(match: TextMatch, text: string): boolean {
  if ("equals" in match) return text === match.equals;
  if ("contains" in match) return text.includes(match.contains);
  return new RegExp(match.matches, match.flags).test(regexSubject(text));
}

/**
 * For the message of a failed match: " (only about the first and last 8000 of
 * its 70000 characters were searched)" when `match` is a regular expression
 * and `text` was too long to search whole, else "". The middle of the text
 * may hold what the pattern looks for, so the learner must be told.
 */
export function truncationNote(match: TextMatch, text: string): string {
  if (!("matches" in match) || text.length <= 2 * REGEX_HALF) return "";
  return ` (only about the first and last ${REGEX_HALF} of its ${text.length} characters were searched)`;
}

/** The matcher in words, for feedback: `"production"`, `containing "Running on"`, `matching /^v\d+/i`. */
export function describeTextMatch(match: TextMatch): string {
  if ("equals" in match) return JSON.stringify(match.equals);
  if ("contains" in match) return `containing ${JSON.stringify(match.contains)}`;
  return `matching /${match.matches}/${match.flags ?? ""}`;
}

/** The matcher as a verb phrase: `contains "x"` / `does not contain "x"`, `is "x"`, `matches /x/`. */
export function textMatchVerb(match: TextMatch, holds: boolean): string {
  if ("equals" in match) return `${holds ? "is" : "is not"} ${JSON.stringify(match.equals)}`;
  if ("contains" in match)
    return `${holds ? "contains" : "does not contain"} ${JSON.stringify(match.contains)}`;
  return `${holds ? "matches" : "does not match"} /${match.matches}/${match.flags ?? ""}`;
}
