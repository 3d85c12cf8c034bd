import { defineCheckKind } from "../checkKind.ts";
import { fileCheckSchema } from "./fileCheckSchema.ts";
import { gatherFileFacts } from "./gatherFileFacts.ts";
import { judgeFile } from "./judgeFile.ts";

/** A workspace file: its text, or (a Dockerfile) its parsed instructions; re-run when it is saved. */
export const fileKind = defineCheckKind({
  schema: fileCheckSchema,
  title: (check) => `File ${check.path}`,
  rerunTriggers: (check) => ({ dockerEvents: [], workspacePaths: [check.path] }),
  needs: () => ["workspace"],
  gather: gatherFileFacts,
  judge: judgeFile,
});
