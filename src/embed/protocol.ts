/**
 * The embed protocol: how a host page (the `embed.js` loader) and a widget
 * frame (`embed.html`, on the sandbox's own origin) talk. Both sides import
 * this file, so it stays small and free of dependencies: the loader must
 * weigh under 10 KB gzipped.
 *
 * Handshake, over `window.postMessage` (the only messages that cross windows):
 * 1. The frame posts `hello` to its parent with target origin "*": it does
 *    not know who embeds it, and `hello` carries nothing secret.
 * 2. The host checks that the message came from its own iframe
 *    (`event.source`) and the sandbox's origin, then posts `connect` to the
 *    frame, with the sandbox's origin as target and one end of a
 *    MessageChannel transferred along.
 * 3. The frame accepts one `connect`, from its parent only, records the
 *    sender's origin (the browser vouches for it) and answers `welcome` on
 *    the port, or `refused` when that origin may not embed it.
 *
 * Everything after that goes over the port, which only the two ends hold:
 * requests (with an id) and their responses, and events from the frame.
 * Every message carries the protocol's version and is validated on arrival;
 * one that fails is dropped (a request gets a `bad-request` error).
 */

export const PROTOCOL = "docker-sandbox";
export const PROTOCOL_VERSION = 1;

export type Layout = "terminal" | "editor-terminal" | "lesson-editor-terminal";
export type Theme = "light" | "dark" | "auto";
export type Loading = "click" | "lazy" | "eager";
export const LAYOUTS: readonly Layout[] = ["terminal", "editor-terminal", "lesson-editor-terminal"];
export const THEMES: readonly Theme[] = ["light", "dark", "auto"];
export const LOADINGS: readonly Loading[] = ["click", "lazy", "eager"];

/** A lesson as the host page sees it. */
export interface LessonInfo {
  id: string;
  title: string;
  steps: { id: string; title: string }[];
}

export type StepStatus = "pending" | "checking" | "passed" | "failed" | "error";

export interface StepInfo {
  lessonId: string;
  stepId: string;
  /** 0-based position in the lesson. */
  index: number;
  status: StepStatus;
  /** Why it failed, for the reader. */
  message?: string;
}

/** The requests a host may make, with their parameters and results. */
export interface Methods {
  /** Start loading the sandbox now (for `loading: "click"` or `"lazy"`). */
  start: { params: Record<string, never>; result: null };
  /** Run `sh -c command` out of the reader's sight. Output is UTF-8 text. */
  exec: {
    params: { command: string; timeoutMs?: number };
    result: { exitCode: number; stdout: string; stderr: string; truncated?: boolean };
  };
  /** Type a command into the reader's terminal and press Enter. */
  type: { params: { command: string }; result: null };
  writeFile: { params: { path: string; content: string }; result: null };
  readFile: { params: { path: string }; result: { content: string } };
  /** Start the lesson over: start files, setup, steps not done. */
  reset: { params: Record<string, never>; result: null };
  /** Check the current step now; every step's status. */
  check: { params: Record<string, never>; result: { steps: StepInfo[] } };
  /** Open another lesson of the course, by id. */
  openLesson: { params: { id: string }; result: { lesson: LessonInfo } };
  setTheme: { params: { theme: Theme }; result: null };
}
export type Method = keyof Methods;

/**
 * Requests that act in the reader's sandbox or read their files. Only
 * origins the sandbox trusts may make them without asking; for any other
 * origin the reader is asked first, in the widget (docs/embed.md).
 */
export const CONTROL_METHODS: readonly Method[] = [
  "exec",
  "type",
  "writeFile",
  "readFile",
  "reset",
];

export type ErrorCode =
  "bad-request" | "denied" | "not-ready" | "failed" | "timeout" | "not-found" | "unsupported";

/** Events the frame sends, with their data. */
export interface Events {
  /** The shell prompt is up: commands can run. */
  ready: { lesson: LessonInfo | null };
  /** Boot progress: asset download, restore, connect. `total` is 0 when unknown. */
  progress: { phase: string; loaded: number; total: number };
  step: StepInfo;
  /** Every step of the lesson has passed. */
  complete: { lessonId: string };
  error: { kind: string; message: string; hint: string };
  /** The widget's preferred height in CSS pixels. */
  resize: { height: number };
}
export type EventName = keyof Events;
export const EVENT_NAMES: readonly EventName[] = [
  "ready",
  "progress",
  "step",
  "complete",
  "error",
  "resize",
];

// Window messages (handshake).
export interface Hello {
  protocol: typeof PROTOCOL;
  version: number;
  type: "hello";
  /** The widget id the host put in the frame's URL, so it can tell its frames apart. */
  widget: string;
}
export interface Connect {
  protocol: typeof PROTOCOL;
  version: number;
  type: "connect";
  widget: string;
}

// Port messages.
export interface Welcome {
  v: number;
  type: "welcome";
  /** Whether control requests run at once ("trusted") or ask the reader first ("ask"). */
  control: "trusted" | "ask";
  lesson: LessonInfo | null;
}
export interface Refused {
  v: number;
  type: "refused";
  reason: string;
}
export interface Request<M extends Method = Method> {
  v: number;
  type: "request";
  id: number;
  method: M;
  params: Methods[M]["params"];
}
export type Response =
  | { v: number; type: "response"; id: number; ok: true; result: unknown }
  | {
      v: number;
      type: "response";
      id: number;
      ok: false;
      error: { code: ErrorCode; message: string };
    };
export interface EventMessage<E extends EventName = EventName> {
  v: number;
  type: "event";
  name: E;
  data: Events[E];
}
export type FromFrame = Welcome | Refused | Response | EventMessage;

// ---- Validation -----------------------------------------------------------
// A tiny schema language instead of a library: a field is a type name, with
// "?" when optional. Strings are capped so a message cannot be used to make
// the other side hold megabytes it did not ask for (file contents and exec
// output have their own, larger cap).

type FieldType = "string" | "text" | "number" | "boolean" | "theme";
type Shape = Record<string, `${FieldType}` | `${FieldType}?`>;

const MAX_STRING = 4096;
/** File contents and command output: 16 MiB, the runtime's own output cap. */
export const MAX_TEXT = 16 << 20;

const PARAMS: { [M in Method]: Shape } = {
  start: {},
  exec: { command: "string", timeoutMs: "number?" },
  type: { command: "string" },
  writeFile: { path: "string", content: "text" },
  readFile: { path: "string" },
  reset: {},
  check: {},
  openLesson: { id: "string" },
  setTheme: { theme: "theme" },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fitsType(value: unknown, type: FieldType): boolean {
  switch (type) {
    case "string":
      return typeof value === "string" && value.length <= MAX_STRING;
    case "text":
      return typeof value === "string" && value.length <= MAX_TEXT;
    case "number":
      return typeof value === "number" && Number.isFinite(value) && value >= 0;
    case "boolean":
      return typeof value === "boolean";
    case "theme":
      return THEMES.includes(value as Theme);
  }
}

/** The first problem with `value` against `shape`, or null. Unknown fields are problems too. */
function shapeProblem(value: unknown, shape: Shape): string | null {
  if (!isRecord(value)) return "params must be an object";
  for (const key of Object.keys(value)) if (!(key in shape)) return `unknown field "${key}"`;
  for (const [key, spec] of Object.entries(shape)) {
    const optional = spec.endsWith("?");
    const type = spec.replace("?", "") as FieldType;
    if (value[key] === undefined) {
      if (!optional) return `missing field "${key}"`;
    } else if (!fitsType(value[key], type)) {
      return `field "${key}" must be ${type === "text" || type === "string" ? "a string" : `a ${type}`}${type === "string" ? ` of at most ${MAX_STRING} characters` : ""}`;
    }
  }
  return null;
}

export function isHello(data: unknown): data is Hello {
  return (
    isRecord(data) &&
    data.protocol === PROTOCOL &&
    data.type === "hello" &&
    typeof data.version === "number" &&
    fitsType(data.widget, "string")
  );
}

export function isConnect(data: unknown): data is Connect {
  return (
    isRecord(data) &&
    data.protocol === PROTOCOL &&
    data.type === "connect" &&
    typeof data.version === "number" &&
    fitsType(data.widget, "string")
  );
}

/**
 * A request from the host, checked against its method's schema; or, when it
 * is not one, the problem (with the id when there is one, so the host can be
 * told).
 */
export function parseRequest(
  data: unknown,
): { ok: true; request: Request } | { ok: false; id: number | null; problem: string } {
  if (!isRecord(data) || data.type !== "request")
    return { ok: false, id: null, problem: "not a request" };
  const id = typeof data.id === "number" && Number.isSafeInteger(data.id) ? data.id : null;
  if (id === null) return { ok: false, id: null, problem: "a request needs an integer id" };
  if (data.v !== PROTOCOL_VERSION) {
    return {
      ok: false,
      id,
      problem: `protocol version ${String(data.v)} is not supported (this sandbox speaks ${PROTOCOL_VERSION})`,
    };
  }
  const method = data.method;
  if (typeof method !== "string" || !Object.hasOwn(PARAMS, method)) {
    return { ok: false, id, problem: `unknown method "${String(method).slice(0, 64)}"` };
  }
  const params = data.params ?? {};
  const problem = shapeProblem(params, PARAMS[method as Method]);
  if (problem) return { ok: false, id, problem: `${method}: ${problem}` };
  return {
    ok: true,
    request: {
      v: PROTOCOL_VERSION,
      type: "request",
      id,
      method: method as Method,
      params,
    } as Request,
  };
}

const STEP_STATUSES: readonly StepStatus[] = ["pending", "checking", "passed", "failed", "error"];

function isLessonInfo(value: unknown): value is LessonInfo {
  return (
    isRecord(value) &&
    fitsType(value.id, "string") &&
    fitsType(value.title, "string") &&
    Array.isArray(value.steps) &&
    value.steps.every((s) => isRecord(s) && fitsType(s.id, "string") && fitsType(s.title, "string"))
  );
}

function isStepInfo(value: unknown): value is StepInfo {
  return (
    isRecord(value) &&
    fitsType(value.lessonId, "string") &&
    fitsType(value.stepId, "string") &&
    fitsType(value.index, "number") &&
    STEP_STATUSES.includes(value.status as StepStatus) &&
    (value.message === undefined || fitsType(value.message, "text"))
  );
}

const EVENT_DATA: { [E in EventName]: (data: unknown) => boolean } = {
  ready: (d) => isRecord(d) && (d.lesson === null || isLessonInfo(d.lesson)),
  progress: (d) =>
    isRecord(d) &&
    fitsType(d.phase, "string") &&
    fitsType(d.loaded, "number") &&
    fitsType(d.total, "number"),
  step: isStepInfo,
  complete: (d) => isRecord(d) && fitsType(d.lessonId, "string"),
  error: (d) =>
    isRecord(d) &&
    fitsType(d.kind, "string") &&
    fitsType(d.message, "text") &&
    fitsType(d.hint, "text"),
  resize: (d) => isRecord(d) && fitsType(d.height, "number"),
};

/** What each method promises to return, checked by the host before it resolves a call. */
const RESULTS: { [M in Method]: (result: unknown) => boolean } = {
  start: (r) => r === null,
  type: (r) => r === null,
  writeFile: (r) => r === null,
  reset: (r) => r === null,
  setTheme: (r) => r === null,
  // An exit code is 0–255 (128 + a signal's number when killed).
  exec: (r) =>
    isRecord(r) &&
    fitsType(r.exitCode, "number") &&
    fitsType(r.stdout, "text") &&
    fitsType(r.stderr, "text") &&
    (r.truncated === undefined || typeof r.truncated === "boolean"),
  readFile: (r) => isRecord(r) && fitsType(r.content, "text"),
  check: (r) => isRecord(r) && Array.isArray(r.steps) && r.steps.every(isStepInfo),
  openLesson: (r) => isRecord(r) && isLessonInfo(r.lesson),
};

/** Whether a response's result has the shape `method` promises. */
export function isResult<M extends Method>(
  method: M,
  result: unknown,
): result is Methods[M]["result"] {
  return RESULTS[method](result);
}

const ERROR_CODES: readonly ErrorCode[] = [
  "bad-request",
  "denied",
  "not-ready",
  "failed",
  "timeout",
  "not-found",
  "unsupported",
];

/**
 * A message from the frame, validated (for the host side), or null. Results
 * are checked by the caller that knows which method it asked for.
 */
export function parseFromFrame(data: unknown): FromFrame | null {
  if (!isRecord(data) || data.v !== PROTOCOL_VERSION) return null;
  switch (data.type) {
    case "welcome":
      return (data.control === "trusted" || data.control === "ask") &&
        (data.lesson === null || isLessonInfo(data.lesson))
        ? (data as unknown as Welcome)
        : null;
    case "refused":
      return fitsType(data.reason, "text") ? (data as unknown as Refused) : null;
    case "response": {
      if (typeof data.id !== "number") return null;
      if (data.ok === true) return data as unknown as Response;
      const error = data.error;
      return data.ok === false &&
        isRecord(error) &&
        ERROR_CODES.includes(error.code as ErrorCode) &&
        fitsType(error.message, "text")
        ? (data as unknown as Response)
        : null;
    }
    case "event": {
      const name = data.name as EventName;
      return EVENT_NAMES.includes(name) && EVENT_DATA[name](data.data)
        ? (data as unknown as EventMessage)
        : null;
    }
    default:
      return null;
  }
}

/** A response's error as an Error the host's caller can catch, with its code. */
export class EmbedError extends Error {
  override readonly name = "EmbedError";
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
