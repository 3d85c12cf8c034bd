import { fail, pass, type AssertionResult } from "../assertionResult.ts";
import { parseDockerfile } from "../dockerfile/parseDockerfile.ts";
import { matchText, textMatchVerb, truncationNote } from "../textMatch.ts";
import type { FileCheck } from "./fileCheckSchema.ts";
import type { FileFacts } from "./gatherFileFacts.ts";
import { judgeDockerfile } from "./judgeDockerfile.ts";

/** Judge a workspace file check on the file's text alone. */
export function judgeFile(check: FileCheck, { text }: FileFacts): AssertionResult[] {
  const { path } = check;
  if (!check.exists) {
    return [
      text === null
        ? pass(`There is no ${path} in the workspace.`)
        : fail(
            `${path} still exists in the workspace.`,
            `Delete it in the file tree, or with \`rm ${path}\` in /workspace.`,
          ),
    ];
  }
  if (text === null) {
    return [
      fail(
        `There is no ${path} in the workspace.`,
        `Create it in the editor, or in the terminal in /workspace.`,
      ),
    ];
  }
  const results = [pass(`${path} exists.`)];
  for (const match of check.contains ?? []) {
    const holds = matchText(match, text);
    results.push(
      holds
        ? pass(`${path} ${textMatchVerb(match, true)}.`)
        : fail(
            `${path} ${textMatchVerb(match, false)}${truncationNote(match, text)}.`,
            `Open ${path} in the editor and add it.`,
          ),
    );
  }
  if (check.dockerfile)
    results.push(...judgeDockerfile(path, check.dockerfile, parseDockerfile(text)));
  return results;
}
