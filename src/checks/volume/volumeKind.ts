import { defineCheckKind } from "../checkKind.ts";
import { gatherVolumeFacts } from "./gatherVolumeFacts.ts";
import { judgeVolume } from "./judgeVolume.ts";
import { volumeCheckSchema } from "./volumeCheckSchema.ts";

/** A volume: its driver, labels and the containers that mount it. */
export const volumeKind = defineCheckKind({
  schema: volumeCheckSchema,
  title: (check) => `Volume ${check.name}`,
  rerunTriggers: () => ({ dockerEvents: ["volume", "container"], workspacePaths: [] }),
  needs: () => ["docker"],
  gather: gatherVolumeFacts,
  judge: judgeVolume,
});
