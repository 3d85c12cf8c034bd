import { defineCheckKind } from "../checkKind.ts";
import { commandCheckSchema } from "./commandCheckSchema.ts";
import { gatherCommandFacts } from "./gatherCommandFacts.ts";
import { judgeCommand } from "./judgeCommand.ts";

/**
 * A shell script run in the guest, judged by its exit code and output. It
 * can observe anything, so every Docker event re-runs it; and since it runs
 * something, a lesson from a link lists it before the learner allows it.
 */
export const commandKind = defineCheckKind({
  schema: commandCheckSchema,
  title: (check) =>
    `Command \`${check.run.length > 40 ? `${check.run.slice(0, 39)}…` : check.run}\``,
  rerunTriggers: () => ({
    dockerEvents: ["container", "image", "network", "volume"],
    workspacePaths: [],
  }),
  needs: () => ["command"],
  gather: gatherCommandFacts,
  judge: judgeCommand,
  runsInGuest: (check) => check.run,
});
