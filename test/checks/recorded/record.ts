/**
 * Record the Engine API answers for the scene in scene.ts from the real VM:
 *
 *   npx tsx test/checks/recorded/record.ts
 *
 * Builds the scene in a sandbox restored from the ready snapshot, evaluates
 * every scene check through a recording context, and writes cassette.json
 * (the answers) for recorded.test.ts. Run it again when a checker starts
 * reading something new.
 */
import { writeFileSync } from "node:fs";
import { checkSchema } from "../../../src/checks/checkSchema.ts";
import { evaluateCheck } from "../../../src/checks/evaluateCheck.ts";
import { checkContext } from "../../../src/exercise/checkContext.ts";
import { startNodeSandbox } from "../../../src/runtime/node/startNodeSandbox.ts";
import { recordingContext, type Recorded } from "./cassette.ts";
import { SCENE_CHECKS, SCENE_FILES, SCENE_SETUP } from "./scene.ts";

const runtime = await startNodeSandbox();
try {
  for (const [path, text] of Object.entries(SCENE_FILES)) await runtime.writeFile(path, text);
  for (const command of SCENE_SETUP) {
    const r = await runtime.exec(command, { timeoutMs: 600_000 });
    const out = new TextDecoder().decode(r.stdout) + new TextDecoder().decode(r.stderr);
    if (r.exitCode !== 0) throw new Error(`${command} exited ${r.exitCode}: ${out}`);
    console.log(`ok ${command}`);
  }
  const tape: Recorded[] = [];
  const ctx = recordingContext(checkContext(runtime), tape);
  for (const { check, ok } of SCENE_CHECKS) {
    const result = await evaluateCheck(checkSchema.parse(check), ctx);
    const mark = result.ok === ok ? "as expected" : "UNEXPECTED";
    console.log(`${mark}: ${result.title}: ${result.ok ? "pass" : "fail"}`);
    for (const a of result.assertions) console.log(`    ${a.ok ? "✓" : "✗"} ${a.message}`);
  }
  const version = await runtime.docker.version();
  writeFileSync(
    new URL("./cassette.json", import.meta.url),
    JSON.stringify(
      { recordedWith: `Docker ${version.Version} (API ${version.ApiVersion})`, tape },
      null,
      1,
    ) + "\n",
  );
  console.log(`recorded ${tape.length} answers`);
} finally {
  await runtime.dispose();
}
