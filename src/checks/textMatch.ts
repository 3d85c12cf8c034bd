import { z } from "zod";

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
        .describe('A JavaScript regular expression the text must match, e.g. "^v\\\\d+".'),
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
        try {
          new RegExp(value.matches, value.flags);
        } catch (error) {
          ctx.addIssue({
            code: "custom",
            path: ["matches"],
            message: `not a valid regular expression: ${(error as Error).message}`,
          });
        }
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

/** Whether `text` satisfies `match`. */
export function matchText(match: TextMatch, text: string): boolean {
  if ("equals" in match) return text === match.equals;
  if ("contains" in match) return text.includes(match.contains);
  return new RegExp(match.matches, match.flags).test(text);
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
