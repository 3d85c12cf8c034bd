import { defineCheckKind } from "../checkKind.ts";
import { gatherImageFacts } from "./gatherImageFacts.ts";
import { imageCheckSchema } from "./imageCheckSchema.ts";
import { judgeImage } from "./judgeImage.ts";

/** An image: its tags, config, layers and history, read through the Engine API. */
export const imageKind = defineCheckKind({
  schema: imageCheckSchema,
  title: (check) => `Image ${check.ref}`,
  rerunTriggers: () => ({ dockerEvents: ["image"], workspacePaths: [] }),
  needs: () => ["docker"],
  gather: gatherImageFacts,
  judge: judgeImage,
});
