// `npm test`: set everything up (see setup.mjs), then run every suite and sum
// them up. The last line is always "N passed, N failed".
//   npm test              all suites
//   npm test -- unit      only the named suites (unit, vm, lessons, e2e)
//
// The unit suite (no VM) runs while the VM is built or restored, so that a
// rebuild after a recipe change (about 20 minutes) hides it; CI must fit that
// rebuild into its 90 minutes (docs/performance.md, "CI time"). Then the
// lessons suite (it records the offline pack's chunks that the e2e suite
// serves), the vm suite and the e2e suite, one after the other: each already
// keeps both cores busy, and the vm and e2e suites side by side ran 1.8×
// slower each and made an e2e wait run out (measured 2026-12-07). The unit
// suite's output is kept in test-results/unit.log and printed when it ends.
import { spawn } from "node:child_process";
import { mkdirSync, openSync, closeSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ROOT, ensureNodeModules, run, setup } from "./setup.mjs";

const SUITES = {
  unit: { needsVm: false },
  vm: { needsVm: true },
  lessons: { needsVm: true },
  e2e: { needsVm: true },
};
const wanted = process.argv.slice(2).filter((a) => a in SUITES);
const suites = wanted.length ? wanted : Object.keys(SUITES);
const has = (suite) => suites.includes(suite);

const results = join(ROOT, "test-results");
mkdirSync(results, { recursive: true });

/**
 * Run one suite's vitest project; resolves to its counts. `logFile`: write
 * its output there instead of the terminal (it runs beside something else).
 */
function runSuite(suite, logFile) {
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
  const fd = logFile ? openSync(logFile, "w") : undefined;
  const child = spawn(
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
    { cwd: ROOT, env, stdio: fd === undefined ? "inherit" : ["ignore", fd, fd] },
  );
  return new Promise((resolve) => {
    child.on("close", (code) => {
      if (fd !== undefined) {
        closeSync(fd);
        console.log(`\n::: ${suite} suite (it ran beside another; its output):`);
        console.log(readFileSync(logFile, "utf8"));
      }
      let passed;
      let failed;
      try {
        const report = JSON.parse(readFileSync(out, "utf8"));
        passed = report.numPassedTests;
        failed = report.numFailedTests;
      } catch {
        passed = 0;
        failed = 1; // the runner itself failed before writing a report
      }
      // A suite that failed to load has no failed test but a non-zero exit: count it.
      if (code !== 0 && failed === 0) failed = 1;
      resolve({ suite, passed, failed });
    });
  });
}

const logOf = (suite) => join(results, `${suite}.log`);
const done = [];

// 1. The unit suite beside the set-up (npm packages first: both need them).
if (suites.some((s) => SUITES[s].needsVm)) {
  ensureNodeModules();
  const unit = has("unit") ? runSuite("unit", logOf("unit")) : null;
  setup({ browser: has("e2e") });
  if (unit) done.push(await unit);
} else {
  if (run("node", ["-e", "require.resolve('vitest/package.json')"]) !== 0) setup();
  done.push(await runSuite("unit"));
}

// 2. The suites that need the VM, one at a time.
for (const suite of ["lessons", "vm", "e2e"]) if (has(suite)) done.push(await runSuite(suite));

// Print in the usual order, whatever order they finished in.
const order = Object.keys(SUITES);
done.sort((a, b) => order.indexOf(a.suite) - order.indexOf(b.suite));
const passed = done.reduce((n, r) => n + r.passed, 0);
const failed = done.reduce((n, r) => n + r.failed, 0);
console.log(
  `\n${done.map((r) => `${r.suite}: ${r.passed} passed, ${r.failed} failed`).join("\n")}`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
