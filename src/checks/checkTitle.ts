import type { Check } from "./checkSchema.ts";
import { describeFilters } from "./container/judgeContainer.ts";

/** The check's own `title`, else one made from what it checks: "Image hello:v1", "Container web". */
export function checkTitle(check: Check): string {
  if (check.title) return check.title;
  switch (check.kind) {
    case "image":
      return `Image ${check.ref}`;
    case "container":
      return check.name !== undefined
        ? `Container ${check.name}`
        : `Container matching ${describeFilters(check.filters ?? {})}`;
    case "network":
      return `Network ${check.name}`;
    case "volume":
      return `Volume ${check.name}`;
    case "file":
      return `File ${check.path}`;
    case "command":
      return `Command \`${check.run.length > 40 ? `${check.run.slice(0, 39)}…` : check.run}\``;
    case "registry":
      return `Registry ${check.registry}/${check.repository}`;
  }
}
