import { describe, expect, it } from "vitest";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { TerminalState } from "../../src/state/TerminalState.svelte.ts";

const text = (chunks: Uint8Array[]) => chunks.map((c) => new TextDecoder().decode(c)).join("");

describe("TerminalState", () => {
  it("replays output that arrived before a view attached, then streams live", async () => {
    const term = new TerminalState(new FakeRuntime());
    await term.open();
    term.input("early ");
    const seen: Uint8Array[] = [];
    const detach = term.attach((d) => seen.push(d));
    term.input("live");
    expect(text(seen)).toBe("early live");
    detach();
    expect(term.status).toBe("open");
  });

  it("reports a terminal that cannot open instead of hanging", async () => {
    const rt = new FakeRuntime();
    rt.openTerminal = () => Promise.reject(new Error("the sandbox is not running"));
    const term = new TerminalState(rt);
    await term.open();
    expect(term.status).toBe("failed");
    expect(term.error).toMatch(/not running/);
  });
});
