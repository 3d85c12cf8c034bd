/**
 * `npm run course -- <command> <dir>`: the author's tools for a course of
 * their own (docs/courses.md).
 *
 *   new <dir>                          scaffold a course with one example lesson
 *   check <dir>                        validate it (as `npm run lessons:check`)
 *   test <dir> [lesson-id|chapter-id]  every lesson's self-test on the real VM (as `lessons:test`)
 *   pack <dir> [--out <dir>] [--app <url>] [--url <url>]
 *                                      write course.json + index.html to upload anywhere
 */
import { spawnSync } from "node:child_process";
import { stat } from "node:fs/promises";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { checkCourse } from "./courseCheck.ts";
import { newCourse } from "./courseNew.ts";
import { packCourse } from "./coursePack.ts";

const USAGE = `usage: npm run course -- <command> <dir>
  new <dir>                          scaffold a course with one example lesson
  check <dir>                        validate every file of the course
  test <dir> [lesson-id|chapter-id]  every lesson's self-test on the real VM
  pack <dir> [--out <dir>] [--app <app url>] [--url <course url>]
                                     write course.json and index.html (default: <dir>/dist)`;

/** `--name value` from args (removed from them), or undefined. */
function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(`--${name}`);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  if (!value || value.startsWith("--")) throw new Error(`--${name} needs a value`);
  return value;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const out = option(args, "out");
  const app = option(args, "app");
  const url = option(args, "url");
  const [dir, ...rest] = args;
  if (!command || !dir || !["new", "check", "test", "pack"].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  const label = relative(process.cwd(), dir) || ".";
  if (command !== "new" && !(await stat(dir).catch(() => null))?.isDirectory()) {
    console.error(`${label}: no such folder. Start a course with: npm run course -- new ${label}`);
    return 2;
  }
  switch (command) {
    case "new": {
      const written = await newCourse(dir);
      for (const path of written) console.log(`  ${label}/${path}`);
      console.log(
        `A new course in ${label}. Next: edit it, then\n` +
          `  npm run course -- check ${label}\n  npm run course -- test ${label}\n` +
          `  npm run course -- pack ${label}`,
      );
      return 0;
    }
    case "check":
      return (await checkCourse(dir, label)).errors.length ? 1 : 0;
    case "test": {
      // The same runner as `npm run lessons:test`, in its own process: it owns the VM and exits.
      const runner = fileURLToPath(new URL("./lessonsTest.ts", import.meta.url));
      const result = spawnSync(
        process.execPath,
        [...process.execArgv, runner, "--course", dir, ...rest],
        { stdio: "inherit" },
      );
      return result.status ?? 1;
    }
    case "pack": {
      const packed = await packCourse(dir, {
        label,
        ...(out ? { out } : {}),
        ...(app ? { app } : {}),
        ...(url ? { url } : {}),
      });
      console.log(
        `wrote ${relative(process.cwd(), packed.out) || "."}/course.json ` +
          `(${(packed.bytes / 1024).toFixed(1)} KiB, ${packed.digest.slice(0, 19)}…) and index.html\n` +
          `Upload that folder to a static host that sends Access-Control-Allow-Origin, then open:\n` +
          `  ${packed.link}`,
      );
      return 0;
    }
  }
  return 2;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
}
