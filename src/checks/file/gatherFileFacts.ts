import { need, type CheckContext } from "../CheckContext.ts";
import type { FileCheck } from "./fileCheckSchema.ts";

/** What {@link judgeFile} looks at: the file's text, null when it does not exist. */
export interface FileFacts {
  text: string | null;
}

export async function gatherFileFacts(
  check: FileCheck,
  ctx: CheckContext,
  signal?: AbortSignal,
): Promise<FileFacts> {
  const read = need(ctx, "readWorkspaceFile", "workspace");
  return { text: await read(check.path, signal) };
}
