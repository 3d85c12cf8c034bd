import { describe, expect, it } from "vitest";
import {
  EmbedError,
  isResult,
  EVENT_NAMES,
  isConnect,
  isHello,
  MAX_TEXT,
  parseFromFrame,
  parseRequest,
  PROTOCOL,
  PROTOCOL_VERSION,
  type Method,
} from "../../src/embed/protocol.ts";

const V = PROTOCOL_VERSION;
const request = (method: string, params?: unknown, extra: Record<string, unknown> = {}) => ({
  v: V,
  type: "request",
  id: 7,
  method,
  ...(params === undefined ? {} : { params }),
  ...extra,
});
const long = "x".repeat(4097);

/** Per method: params that pass, and params that fail with (part of) the problem. */
const CASES: { [M in Method]: { valid: unknown[]; invalid: [unknown, string][] } } = {
  start: { valid: [{}, undefined], invalid: [[{ now: true }, 'unknown field "now"']] },
  exec: {
    valid: [{ command: "docker version" }, { command: "ls", timeoutMs: 5000 }],
    invalid: [
      [{}, 'missing field "command"'],
      [{ command: 1 }, 'field "command" must be a string'],
      [{ command: long }, "at most 4096 characters"],
      [{ command: "ls", timeoutMs: -1 }, 'field "timeoutMs" must be a number'],
      [{ command: "ls", timeoutMs: Infinity }, 'field "timeoutMs"'],
      [{ command: "ls", timeoutMs: "5" }, 'field "timeoutMs"'],
      [{ command: "ls", env: {} }, 'unknown field "env"'],
    ],
  },
  type: {
    valid: [{ command: "docker ps" }],
    invalid: [
      [{ command: null }, 'field "command"'],
      [{ command: long }, "at most 4096"],
      [{ text: "ls" }, 'unknown field "text"'],
    ],
  },
  writeFile: {
    valid: [
      { path: "Dockerfile", content: "FROM hello\n" },
      { path: "big", content: long },
    ],
    invalid: [
      [{ path: "a" }, 'missing field "content"'],
      [{ path: long, content: "" }, 'field "path"'],
      [{ path: "a", content: 3 }, 'field "content" must be a string'],
      [{ path: "a", content: "", mode: 0o644 }, 'unknown field "mode"'],
    ],
  },
  readFile: {
    valid: [{ path: "Dockerfile" }],
    invalid: [
      [{}, 'missing field "path"'],
      [{ path: ["a"] }, 'field "path"'],
    ],
  },
  reset: { valid: [{}], invalid: [[{ hard: true }, 'unknown field "hard"']] },
  check: { valid: [{}], invalid: [[[], "params must be an object"]] },
  openLesson: {
    valid: [{ id: "welcome" }],
    invalid: [
      [{}, 'missing field "id"'],
      [{ id: 1 }, 'field "id"'],
    ],
  },
  setTheme: {
    valid: [{ theme: "light" }, { theme: "dark" }, { theme: "auto" }],
    invalid: [
      [{ theme: "blue" }, 'field "theme" must be a theme'],
      [{}, 'missing field "theme"'],
    ],
  },
};

describe("requests", () => {
  for (const [method, { valid, invalid }] of Object.entries(CASES)) {
    it(`${method}: accepts its parameters and refuses others, naming the problem`, () => {
      for (const params of valid) {
        const parsed = parseRequest(request(method, params));
        expect(parsed, JSON.stringify(params)).toMatchObject({
          ok: true,
          request: { v: V, type: "request", id: 7, method, params: params ?? {} },
        });
      }
      for (const [params, problem] of invalid) {
        const parsed = parseRequest(request(method, params));
        expect(parsed).toMatchObject({ ok: false, id: 7 });
        if (!parsed.ok) expect(parsed.problem).toContain(`${method}: `);
        if (!parsed.ok) expect(parsed.problem).toContain(problem);
      }
    });
  }

  it("refuses an unknown method, a foreign version and a missing id, keeping the id to answer", () => {
    expect(parseRequest(request("eval", {}))).toMatchObject({
      ok: false,
      id: 7,
      problem: 'unknown method "eval"',
    });
    expect(parseRequest(request("toString", {}))).toMatchObject({ ok: false, id: 7 });
    expect(parseRequest(request("__proto__", {}))).toMatchObject({ ok: false, id: 7 });
    expect(parseRequest({ ...request("start", {}), v: 2 })).toMatchObject({
      ok: false,
      id: 7,
      problem: expect.stringContaining("protocol version 2 is not supported"),
    });
    expect(parseRequest({ ...request("start", {}), id: "7" })).toMatchObject({
      ok: false,
      id: null,
    });
    expect(parseRequest({ ...request("start", {}), id: 1.5 })).toMatchObject({
      ok: false,
      id: null,
    });
    expect(parseRequest(null)).toMatchObject({ ok: false, id: null, problem: "not a request" });
    expect(parseRequest({ ...request("start", {}), type: "response" })).toMatchObject({
      ok: false,
    });
  });

  it("returns a clean request: fields beside the envelope are not carried over", () => {
    const parsed = parseRequest(request("readFile", { path: "a" }, { extra: "x" }));
    expect(parsed.ok && parsed.request).toEqual({
      v: V,
      type: "request",
      id: 7,
      method: "readFile",
      params: { path: "a" },
    });
  });
});

describe("the handshake", () => {
  const hello = { protocol: PROTOCOL, version: V, type: "hello", widget: "w1" };
  it("knows hello and connect, and nothing that merely looks like them", () => {
    expect(isHello(hello)).toBe(true);
    expect(isConnect({ ...hello, type: "connect" })).toBe(true);
    expect(isHello({ ...hello, type: "connect" })).toBe(false);
    expect(isConnect(hello)).toBe(false);
    expect(isHello({ ...hello, protocol: "other" })).toBe(false);
    expect(isHello({ ...hello, version: "1" })).toBe(false);
    expect(isHello({ ...hello, widget: 5 })).toBe(false);
    expect(isHello({ ...hello, widget: long })).toBe(false);
    expect(isHello("hello")).toBe(false);
    expect(isHello([hello])).toBe(false);
  });
  it("leaves the version to the receiver, so it can say which it speaks", () => {
    expect(isHello({ ...hello, version: 2 })).toBe(true);
  });
});

describe("messages from the frame", () => {
  const lesson = { id: "welcome", title: "Welcome", steps: [{ id: "run", title: "Run it" }] };
  const step = { lessonId: "welcome", stepId: "run", index: 0, status: "passed" };
  const event = (name: string, data: unknown) => ({ v: V, type: "event", name, data });

  it("welcome and refused", () => {
    expect(parseFromFrame({ v: V, type: "welcome", control: "ask", lesson })).not.toBeNull();
    expect(
      parseFromFrame({ v: V, type: "welcome", control: "trusted", lesson: null }),
    ).not.toBeNull();
    expect(parseFromFrame({ v: V, type: "welcome", control: "root", lesson: null })).toBeNull();
    expect(
      parseFromFrame({ v: V, type: "welcome", control: "ask", lesson: { id: "x" } }),
    ).toBeNull();
    expect(parseFromFrame({ v: V, type: "refused", reason: "not allowed here" })).not.toBeNull();
    expect(parseFromFrame({ v: V, type: "refused" })).toBeNull();
  });

  it("responses: any result when ok, a known error code and a message otherwise", () => {
    expect(
      parseFromFrame({ v: V, type: "response", id: 1, ok: true, result: null }),
    ).not.toBeNull();
    const error = (code: unknown, message: unknown = "no") => ({
      v: V,
      type: "response",
      id: 1,
      ok: false,
      error: { code, message },
    });
    for (const code of [
      "bad-request",
      "denied",
      "not-ready",
      "failed",
      "timeout",
      "not-found",
      "unsupported",
    ])
      expect(parseFromFrame(error(code)), code).not.toBeNull();
    expect(parseFromFrame(error("boom"))).toBeNull();
    expect(parseFromFrame(error("failed", 5))).toBeNull();
    expect(parseFromFrame(error("failed", "x".repeat(MAX_TEXT + 1)))).toBeNull();
    expect(parseFromFrame({ v: V, type: "response", id: "1", ok: true, result: null })).toBeNull();
    expect(parseFromFrame({ v: V, type: "response", id: 1, ok: "yes" })).toBeNull();
  });

  it("every event with its data, and none with the wrong data", () => {
    const valid: Record<string, unknown> = {
      ready: { lesson },
      progress: { phase: "download", loaded: 10, total: 0 },
      step,
      complete: { lessonId: "welcome" },
      error: { kind: "crash", message: "The sandbox stopped responding.", hint: "Reset" },
      resize: { height: 480 },
    };
    const invalid: Record<string, unknown[]> = {
      ready: [{}, { lesson: { id: "a", title: "b" } }],
      progress: [
        { phase: "x", loaded: -1, total: 0 },
        { phase: long, loaded: 0, total: 0 },
      ],
      step: [
        { ...step, status: "done" },
        { ...step, index: "0" },
        { ...step, message: 1 },
      ],
      complete: [{}, { lessonId: 1 }],
      error: [{ kind: "x", message: "y" }],
      resize: [{ height: "480px" }, { height: NaN }, null],
    };
    expect(Object.keys(valid).sort()).toEqual([...EVENT_NAMES].sort());
    for (const name of EVENT_NAMES) {
      expect(parseFromFrame(event(name, valid[name])), name).not.toBeNull();
      for (const data of invalid[name]!) expect(parseFromFrame(event(name, data)), name).toBeNull();
    }
    expect(parseFromFrame(event("step", { ...step, message: "not yet" }))).not.toBeNull();
    expect(parseFromFrame(event("explode", {}))).toBeNull();
  });

  it("drops anything of another version or type", () => {
    expect(parseFromFrame({ v: 2, type: "refused", reason: "x" })).toBeNull();
    expect(parseFromFrame({ type: "refused", reason: "x" })).toBeNull();
    expect(
      parseFromFrame({ v: V, type: "request", id: 1, method: "start", params: {} }),
    ).toBeNull();
    expect(parseFromFrame("welcome")).toBeNull();
    expect(parseFromFrame(null)).toBeNull();
  });
});

describe("EmbedError", () => {
  it("carries the code beside the message", () => {
    const error = new EmbedError("denied", "the reader said no");
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("EmbedError");
    expect([error.code, error.message]).toEqual(["denied", "the reader said no"]);
  });
});

describe("isResult: what each method promises to return", () => {
  it("accepts the promised shapes", () => {
    expect(isResult("exec", { exitCode: 0, stdout: "x", stderr: "" })).toBe(true);
    expect(isResult("readFile", { content: "hi" })).toBe(true);
    expect(
      isResult("check", {
        steps: [{ lessonId: "l", stepId: "s", index: 0, status: "passed" }],
      }),
    ).toBe(true);
    expect(isResult("openLesson", { lesson: { id: "l", title: "L", steps: [] } })).toBe(true);
    expect(isResult("type", null)).toBe(true);
  });

  it("refuses anything else", () => {
    expect(isResult("exec", { exitCode: "0", stdout: "", stderr: "" })).toBe(false);
    expect(isResult("readFile", {})).toBe(false);
    expect(isResult("check", { steps: [{ stepId: "s", status: "done" }] })).toBe(false);
    expect(isResult("openLesson", { lesson: null })).toBe(false);
    expect(isResult("reset", { surprise: true })).toBe(false);
  });
});
