import { describe, expect, it } from "vitest";
import { csvCell, rosterCsv } from "../../src/roster/rosterCsv.ts";
import { rosterView } from "../../src/roster/rosterView.ts";
import { receiptOf } from "./receiptFixtures.ts";

describe("the roster as CSV", () => {
  it("quotes every cell and doubles quotes inside", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
  });

  it("keeps cells a spreadsheet would run as formulas as text", () => {
    for (const formula of ['=HYPERLINK("x")', "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1"]) {
      expect(csvCell(formula)).toBe(`"'${formula.replace(/"/g, '""')}"`);
    }
    expect(csvCell("Ada")).toBe('"Ada"');
  });

  it("has a row per learner and a column per step with when it passed", () => {
    const csv = rosterCsv(
      rosterView([
        { source: "a.json", receipt: receiptOf("=cmd|' /C calc'!A0", ["welcome/first-container"]) },
      ]),
    );
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      '"Learner","Receipt made","First step not passed","welcome/first-container","welcome/first-image","run-options/detach","run-options/ports"',
    );
    expect(lines[1]).toBe(
      `"'=cmd|' /C calc'!A0","2026-12-06T10:30:00.000Z","welcome/first-image","2026-12-06T10:00:00.000Z","","",""`,
    );
    expect(lines[2]).toBe("");
  });
});
