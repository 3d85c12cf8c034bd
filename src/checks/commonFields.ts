import { z } from "zod";
import { textMatchSchema } from "./textMatch.ts";

/** Fields every check kind accepts, next to its `kind`. */
export const commonFields = {
  title: z
    .string()
    .min(1)
    .optional()
    .describe(
      'Short label shown above the check\'s results. Default: made from the check, e.g. "Image hello:v1".',
    ),
  hint: z
    .string()
    .min(1)
    .optional()
    .describe(
      "Shown below the generated hints when the check fails: point at the part of the lesson that helps.",
    ),
};

/**
 * `KEY: value` pairs (environment variables, labels). A plain value must be
 * equal; `{ contains | matches }` loosens that.
 */
export const keyValueMatchSchema = z.record(z.string().min(1), textMatchSchema("equals"));

/** A port as `EXPOSE` and `-p` write it: 80 or "80/udp"; normalized to the API's "80/tcp". */
export const portSchema = z
  .union([
    z.number().int().min(1).max(65535),
    z.string().regex(/^\d{1,5}(\/(tcp|udp|sctp))?$/, 'write a port like 80 or "53/udp"'),
  ])
  .transform((port) => (String(port).includes("/") ? String(port) : `${port}/tcp`));

/**
 * "exists: false stands alone": a thing that must be gone has nothing else
 * to check. Reports the first other field set, naming it. `identity` holds
 * the fields that pick the thing (ref, name, path, filters).
 */
export function refuseAssertionsWhenAbsent(
  check: { exists: boolean },
  ctx: z.RefinementCtx,
  thing: string,
  identity: readonly string[],
): void {
  if (check.exists) return;
  const ignore = ["kind", "title", "hint", "exists", ...identity];
  const fields = check as Record<string, unknown>;
  const extra = Object.keys(fields).find(
    (key) => fields[key] !== undefined && !ignore.includes(key),
  );
  if (extra) {
    ctx.addIssue({
      code: "custom",
      path: [extra],
      message: `${thing} that must not exist has nothing else to check; drop this field or exists: false`,
    });
  }
}
