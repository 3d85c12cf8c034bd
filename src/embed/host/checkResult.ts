import { parseFromFrame, PROTOCOL_VERSION, type Method, type Methods } from "../protocol.ts";

type Check = (result: unknown) => boolean;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

// protocol.ts checks a step and a lesson only inside events, so a result's
// steps and lesson are checked as the data of the event that carries one.
const asEvent = (name: "step" | "ready", data: unknown) =>
  parseFromFrame({ v: PROTOCOL_VERSION, type: "event", name, data }) !== null;

const RESULTS: { [M in Method]: Check } = {
  start: () => true,
  type: () => true,
  writeFile: () => true,
  reset: () => true,
  setTheme: () => true,
  exec: (r) =>
    isRecord(r) &&
    typeof r.exitCode === "number" &&
    typeof r.stdout === "string" &&
    typeof r.stderr === "string" &&
    (r.truncated === undefined || typeof r.truncated === "boolean"),
  readFile: (r) => isRecord(r) && typeof r.content === "string",
  check: (r) => isRecord(r) && Array.isArray(r.steps) && r.steps.every((s) => asEvent("step", s)),
  openLesson: (r) => isRecord(r) && asEvent("ready", { lesson: r.lesson }) && r.lesson !== null,
};

/** Whether a response's result has the shape `method` promises (protocol.ts leaves results to the caller). */
export function checkResult<M extends Method>(
  method: M,
  result: unknown,
): result is Methods[M]["result"] {
  return RESULTS[method](result);
}
