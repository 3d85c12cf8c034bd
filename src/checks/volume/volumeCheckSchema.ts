import { z } from "zod";
import { commonFields, refuseAssertionsWhenAbsent } from "../commonFields.ts";

/** A volume, looked up with `docker volume inspect`. */
export const volumeCheckSchema = z
  .strictObject({
    kind: z.literal("volume").describe("Checks a Docker volume."),
    ...commonFields,
    name: z.string().min(1).describe('The volume\'s name, e.g. "data".'),
    exists: z
      .boolean()
      .default(true)
      .describe(
        "false: the volume must be gone (e.g. after `docker volume rm` or prune); then nothing else may be checked.",
      ),
    driver: z.string().min(1).optional().describe('Its driver, e.g. "local" (the default).'),
    usedBy: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Names of containers (running or not) that must mount it, e.g. ["db"].'),
  })
  .superRefine((check, ctx) => {
    refuseAssertionsWhenAbsent(check, ctx, "a volume", ["name"]);
  });

/** A validated volume check. */
export type VolumeCheck = z.output<typeof volumeCheckSchema>;
