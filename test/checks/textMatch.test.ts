import { describe, expect, it } from "vitest";
import { judgeCommand } from "../../src/checks/command/judgeCommand.ts";
import { commandCheckSchema } from "../../src/checks/command/commandCheckSchema.ts";
import { parseCheck } from "../../src/checks/parseCheck.ts";
import { matchText, truncationNote } from "../../src/checks/textMatch.ts";

describe("matches patterns", () => {
  it("refuses nested repetition at validation, naming the pattern and the part", () => {
    expect(parseCheck({ kind: "command", run: "echo", stdout: { matches: "^(a+)+$" } })).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(
          /^check\.stdout\.matches: \/\^\(a\+\)\+\$\/: "\(a\+\)\+" repeats a group that itself repeats or has alternatives/,
        ),
      ],
    });
    const logs = { kind: "container", name: "web", logs: { matches: "(ok|okay)+" } };
    expect(parseCheck(logs)).toMatchObject({
      ok: false,
      problems: [expect.stringContaining('"(ok|okay)+"')],
    });
  });

  it("searches only the start and the end of a long text with a regular expression", () => {
    const filler = `${"x".repeat(99)}\n`.repeat(5_000); // 500 000 characters
    const middle = `${filler}needle\n${filler}`;
    expect(matchText({ matches: "needle" }, middle)).toBe(false);
    expect(matchText({ contains: "needle" }, middle)).toBe(true);
    expect(matchText({ matches: "^needle" }, `needle\n${middle}`)).toBe(true);
    expect(matchText({ matches: "needle$" }, `${middle}needle`)).toBe(true);
    expect(matchText({ matches: "^start[\\s\\S]*end$" }, `start\n${middle}end`)).toBe(true);
  });

  it("cuts a long text at line ends, so no line looks shorter than it is", () => {
    const lines = `${"x".repeat(99)}\n`.repeat(1_000);
    expect(matchText({ matches: "^x{1,98}$", flags: "m" }, lines)).toBe(false);
  });

  it("keeps quadratic backtracking on long output short", () => {
    const started = performance.now();
    expect(matchText({ matches: "[\\s\\S]*needle" }, "x".repeat(100_000))).toBe(false);
    // Uncut, this took 7 s on the machine that wrote this test.
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it("says in a failure when part of the output was not searched", () => {
    const output = "y".repeat(20_000);
    expect(truncationNote({ matches: "z" }, output)).toBe(
      " (only about the first and last 8000 of its 20000 characters were searched)",
    );
    expect(truncationNote({ contains: "z" }, output)).toBe("");
    expect(truncationNote({ matches: "z" }, "short")).toBe("");
    const check = commandCheckSchema.parse({
      kind: "command",
      run: "yes",
      stdout: { matches: "z" },
    });
    const [, stdout] = judgeCommand(check, { output: { exitCode: 0, stdout: output, stderr: "" } });
    expect(stdout?.message).toBe(
      "The output of `yes` does not match /z/ (only about the first and last 8000 of its 20000 characters were searched).",
    );
  });
});
