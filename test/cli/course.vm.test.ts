// `npm run course -- test` on a freshly scaffolded course: the example lesson
// an instructor starts from passes its own self-test on the real VM (each
// step fails before its solution and passes after it).
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, expect, it } from "vitest";
import { newCourse } from "../../src/cli/courseNew.ts";

const ROOT = resolve(import.meta.dirname, "../..");
let dir = "";
afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));

it("passes the scaffolded course's self-test on the real VM", async () => {
  dir = await mkdtemp(join(tmpdir(), "course-vm-"));
  await newCourse(join(dir, "workshop"));
  const run = spawnSync(
    "npx",
    ["--no-install", "tsx", "src/cli/course.ts", "test", join(dir, "workshop")],
    { cwd: ROOT, encoding: "utf8", timeout: 280_000 },
  );
  const output = `${run.stdout}\n${run.stderr}`;
  expect(output).toMatch(/^ok +hello-image /m);
  expect(output).toMatch(/dockerfile: before: [1-9]\d* failing, after: 0 failing/);
  expect(output).toMatch(/build: before: [1-9]\d* failing, after: 0 failing/);
  expect(output).toMatch(/1 lessons sound, 0 unsound/);
  expect(run.status, output).toBe(0);
});
