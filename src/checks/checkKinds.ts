import type { CheckKind } from "./checkKind.ts";
import type { Check } from "./checkSchema.ts";
import { commandKind } from "./command/commandKind.ts";
import { containerKind } from "./container/containerKind.ts";
import { fileKind } from "./file/fileKind.ts";
import { imageKind } from "./image/imageKind.ts";
import { networkKind } from "./network/networkKind.ts";
import { registryKind } from "./registry/registryKind.ts";
import { volumeKind } from "./volume/volumeKind.ts";

/**
 * Every check kind, by the `kind` authors write. A new kind is a folder with
 * its record (checkKind.ts) and a line here: the schema union, titles,
 * re-run triggers, capabilities, evaluation and the list a learner sees
 * before allowing a lesson all read this.
 */
export const checkKinds = {
  image: imageKind,
  container: containerKind,
  network: networkKind,
  volume: volumeKind,
  file: fileKind,
  command: commandKind,
  registry: registryKind,
} as const;

/**
 * The record of `check`'s kind. Each record handles exactly the checks its
 * schema parses, so the one `check.kind` picks fits `check`; TypeScript
 * cannot follow that through the lookup, hence the cast, here only.
 */
export function kindOf(check: Check): CheckKind {
  return checkKinds[check.kind] as unknown as CheckKind;
}
