// `npm test`: set everything up (see setup.mjs), then run every suite and sum
// them up. The last line is always "N passed, N failed".
//   npm test              all suites
//   npm test -- unit      only the named suites (unit, vm, lessons, e2e)
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT, run, setup } from "./setup.mjs";

const SUITES = {
  unit: { needsVm: false },
  vm: { needsVm: true },
  lessons: { needsVm: true },
  e2e: { needsVm: true },
};
const wanted = process.argv.slice(2).filter((a) => a in SUITES);
const suites = wanted.length ? wanted : Object.keys(SUITES);

if (suites.some((s) => SUITES[s].needsVm)) setup({ browser: suites.includes("e2e") });
else if (run("node", ["-e", "require.resolve('vitest/package.json')"]) !== 0) setup();

const results = join(ROOT, "test-results");
mkdirSync(results, { recursive: true });
let passed = 0;
let failed = 0;
const lines = [];
for (const suite of suites) {
  const out = join(results, `${suite}.json`);
  rmSync(out, { force: true });
  // The lessons suite records which disk chunks each lesson reads into the
  // VM build's offline.json (docs/offline.md): the recording only fits the
  // disk it was made on, and the e2e suite's offline test serves it.
  // SANDBOX_RECORD_OFFLINE=0 turns it off.
  const env =
    suite === "lessons"
      ? { ...process.env, SANDBOX_RECORD_OFFLINE: process.env.SANDBOX_RECORD_OFFLINE ?? "1" }
      : process.env;
  const status = run(
    "npx",
    [
      "--no-install",
      "vitest",
      "run",
      "--project",
      suite,
      "--reporter=default",
      "--reporter=json",
      `--outputFile=${out}`,
    ],
    { env },
  );
  let p;
  let f;
  try {
    const report = JSON.parse(readFileSync(out, "utf8"));
    p = report.numPassedTests;
    f = report.numFailedTests;
  } catch {
    p = 0;
    f = 1; // the runner itself failed before writing a report
  }
  // A suite that failed to load has no failed test but a non-zero exit: count it.
  if (status !== 0 && f === 0) f = 1;
  passed += p;
  failed += f;
  lines.push(`${suite}: ${p} passed, ${f} failed`);
}
console.log(`\n${lines.join("\n")}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
