import { describe, expect, it } from "vitest";
import { FakeRuntime } from "../../src/runtime/fake/FakeRuntime.ts";
import { LEARNER_SHELL } from "../../src/runtime/workspace.ts";
import { TerminalState } from "../../src/state/TerminalState.svelte.ts";
import { TerminalsState } from "../../src/state/TerminalsState.svelte.ts";

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

describe("TerminalState sizing", () => {
  it("passes on a resize that arrives while the session is still opening", async () => {
    const rt = new FakeRuntime();
    const sizes: string[] = [];
    const open = rt.openTerminal.bind(rt);
    rt.openTerminal = async (o) => {
      sizes.push(`open ${o.cols}x${o.rows} ${o.command}`);
      const s = await open(o);
      return { ...s, resize: (c, r) => sizes.push(`resize ${c}x${r}`) };
    };
    const term = new TerminalState(rt);
    const opening = term.open();
    term.resize(120, 21); // the view fitted itself before the guest answered
    await opening;
    expect(sizes).toEqual([`open 80x24 ${LEARNER_SHELL}`, "resize 120x21"]);
  });
});

describe("TerminalsState input hold", () => {
  it("holds every tab's input, tabs opened meanwhile too, until the last holder lets go", async () => {
    const tabs = new TerminalsState();
    await tabs.start(new FakeRuntime());
    const first = tabs.active!;
    let firstOut = "";
    first.attach((d) => (firstOut += text([d])));
    const releaseA = tabs.holdInput();
    const releaseB = tabs.holdInput();
    const second = (await tabs.add())!;
    let secondOut = "";
    second.attach((d) => (secondOut += text([d])));
    first.input("ls");
    second.input("ps");
    releaseA();
    releaseA(); // letting go twice counts once
    expect(firstOut + secondOut).toBe("");
    releaseB();
    expect([firstOut, secondOut]).toEqual(["ls", "ps"]);
  });
});
