import { kindOf } from "./checkKinds.ts";
import type { Check } from "./checkSchema.ts";

/** The check's own `title`, else one made from what it checks: "Image hello:v1", "Container web". */
export function checkTitle(check: Check): string {
  return check.title ?? kindOf(check).title(check);
}
