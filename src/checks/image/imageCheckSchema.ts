import { z } from "zod";
import { byteBoundsSchema, countBoundsSchema } from "../bounds.ts";
import {
  commonFields,
  keyValueMatchSchema,
  portSchema,
  refuseAssertionsWhenAbsent,
} from "../commonFields.ts";
import { imageRefSchema } from "../imageRef.ts";
import { textMatchSchema } from "../textMatch.ts";

/**
 * CMD/ENTRYPOINT as authors constrain them: a list is the exact argv (exec
 * form; a shell-form CMD is stored as ["/bin/sh", "-c", "…"]); a string or
 * matcher is looked for in the argv joined by spaces; null means unset.
 */
const argvMatchSchema = z.union([z.array(z.string()), z.null(), textMatchSchema("contains")]);

/** An image, looked up with `docker image inspect` (and `docker history`). */
export const imageCheckSchema = z
  .strictObject({
    kind: z.literal("image").describe("Checks an image in the daemon's image store."),
    ...commonFields,
    ref: imageRefSchema.describe(
      'The image: name[:tag] (the tag defaults to latest), name@digest or an image id, e.g. "hello:v1".',
    ),
    exists: z
      .boolean()
      .default(true)
      .describe(
        "false: the image must be gone (e.g. after `docker rmi`); then no other assertion may be given.",
      ),
    tags: z
      .array(imageRefSchema)
      .min(1)
      .optional()
      .describe(
        'Other references the same image must carry, e.g. ["localhost:5000/hello:v1"] after `docker tag`.',
      ),
    layers: countBoundsSchema
      .optional()
      .describe(
        "Number of filesystem layers (RootFS.Layers): 3 for exactly three, or { min, max }.",
      ),
    cmd: argvMatchSchema
      .optional()
      .describe(
        'Config.Cmd: ["python", "app.py"] for exactly that exec form, "app.py" to contain it, null for none.',
      ),
    entrypoint: argvMatchSchema
      .optional()
      .describe(
        'Config.Entrypoint: ["python"] for exactly that exec form, a text to contain, null for none.',
      ),
    env: keyValueMatchSchema
      .optional()
      .describe('Environment variables the image sets (ENV), e.g. { APP_ENV: "production" }.'),
    exposedPorts: z
      .array(portSchema)
      .min(1)
      .optional()
      .describe('Ports the image declares with EXPOSE, e.g. [80, "53/udp"].'),
    labels: keyValueMatchSchema
      .optional()
      .describe('Labels (LABEL), e.g. { maintainer: { contains: "@" } }.'),
    workdir: z
      .string()
      .optional()
      .describe('Config.WorkingDir (WORKDIR), e.g. "/app"; "" means none.'),
    volumes: z
      .array(z.string().startsWith("/", "a VOLUME is an absolute path in the container"))
      .min(1)
      .optional()
      .describe('Mount points declared with VOLUME, e.g. ["/data"].'),
    user: textMatchSchema("equals")
      .optional()
      .describe(
        'Config.User (USER), e.g. "app" or "1000:1000"; "" means root. A user may be named or ' +
          'numbered, so accept both where both are right: { matches: "^(app|10001)(:|$)" }.',
      ),
    history: z
      .array(textMatchSchema("contains"))
      .min(1)
      .optional()
      .describe(
        'Build steps that must appear in `docker history` (created_by), e.g. ["apk add", { matches: "pip install .*-r" }].',
      ),
    size: byteBoundsSchema
      .optional()
      .describe('Total image size as `docker images` shows it, e.g. { max: "50MB" }.'),
    base: imageRefSchema
      .optional()
      .describe(
        'The image it was built FROM, e.g. "alpine:3.19": that image\'s layers must be the first layers of this one.',
      ),
  })
  .superRefine((check, ctx) => {
    refuseAssertionsWhenAbsent(check, ctx, "an image", ["ref"]);
  });

/** A validated image check. */
export type ImageCheck = z.output<typeof imageCheckSchema>;
