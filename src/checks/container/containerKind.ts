import { defineCheckKind } from "../checkKind.ts";
import { containerCheckSchema } from "./containerCheckSchema.ts";
import { gatherContainerFacts } from "./gatherContainerFacts.ts";
import { describeFilters, judgeContainer } from "./judgeContainer.ts";

/**
 * A container, by name or by filters: its state, config, ports, mounts,
 * networks, logs and (with `files`) files read out of it with `docker cp`.
 * Its image, networks and volumes can change what it is, so their events
 * re-run it too.
 */
export const containerKind = defineCheckKind({
  schema: containerCheckSchema,
  title: (check) =>
    check.name !== undefined
      ? `Container ${check.name}`
      : `Container matching ${describeFilters(check.filters ?? {})}`,
  rerunTriggers: () => ({
    dockerEvents: ["container", "image", "network", "volume"],
    workspacePaths: [],
  }),
  needs: (check) => (check.files ? ["docker", "command"] : ["docker"]),
  gather: gatherContainerFacts,
  judge: judgeContainer,
});
