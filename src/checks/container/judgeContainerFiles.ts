import { fail, pass, type AssertionResult } from "../assertionResult.ts";
import type { CommandOutput } from "../CheckContext.ts";
import { matchText, textMatchVerb, truncationNote } from "../textMatch.ts";
import type { ContainerCheck } from "./containerCheckSchema.ts";

type FileSpec = NonNullable<ContainerCheck["files"]>[number];

/** A file inside a container, judged on what `docker cp … | tar -xO` printed for it. */
export function judgeContainerFile(
  name: string,
  spec: FileSpec,
  read: CommandOutput | undefined,
): AssertionResult {
  const exists = read !== undefined && read.exitCode === 0 && !read.timedOut;
  const look = `\`docker exec ${name} ls -l ${spec.path.replace(/\/[^/]*$/, "") || "/"}\` shows what is there.`;
  if (!spec.exists) {
    return exists
      ? fail(
          `${spec.path} still exists in ${name}.`,
          `Remove it (e.g. \`docker exec ${name} rm ${spec.path}\`).`,
        )
      : pass(`There is no ${spec.path} in ${name}.`);
  }
  if (!exists) return fail(`There is no ${spec.path} in ${name}.`, look);
  if (!spec.contains) return pass(`${spec.path} exists in ${name}.`);
  return matchText(spec.contains, read.stdout)
    ? pass(`${spec.path} in ${name} ${textMatchVerb(spec.contains, true)}.`)
    : fail(
        `${spec.path} in ${name} ${textMatchVerb(spec.contains, false)}${truncationNote(spec.contains, read.stdout)}.`,
        `\`docker exec ${name} cat ${spec.path}\` shows what it holds.`,
      );
}
