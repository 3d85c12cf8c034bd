// The sandbox in browsers started as a learner's would be: no DevTools
// protocol session attached (an attached debugger changes how WebAssembly
// runs), the page driving the runtime itself and reporting over HTTP. This is
// the path the benchmark times; here it must simply work, in Chromium and,
// when it is installed, in Firefox, with v86's generated code compiled by our
// block compiler.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkloadReport } from "../../src/cli/benchPage/plan.ts";
import { serveBenchSite, type BenchSite } from "../../src/cli/benchServer.ts";
import { hasBrowser, type BrowserName } from "../../src/cli/plainBrowser.ts";

let site: BenchSite;
beforeAll(async () => {
  site = await serveBenchSite(() => {});
});
afterAll(() => site?.close());

const browsers: BrowserName[] = [
  "chromium",
  ...(hasBrowser("firefox") ? ["firefox" as const] : []),
];

describe.each(browsers)("the runtime in %s with no debugger attached", (browser) => {
  it("restores the VM, runs docker and compiles the guest's hot code", async () => {
    const { result } = await site.run<WorkloadReport>(
      browser,
      {
        kind: "workloads",
        workloads: [
          {
            name: "run",
            command: "docker run --rm busybox echo plain-browser",
            warmup: 0,
            runs: 1,
          },
          {
            name: "files",
            command: 'test "$(cat probe.txt)" = written',
            warmup: 0,
            runs: 1,
            files: { "probe.txt": "written" },
          },
        ],
      },
      600_000,
    );
    expect(result.run?.ms).toHaveLength(1);
    expect(result.files?.ms).toHaveLength(1);
    expect(result.run?.jit[0]?.blocks).toBeGreaterThan(0);
  });
});
