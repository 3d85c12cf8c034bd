/**
 * `npm run lessons:check`: validate every lesson under lessons/ the way the
 * app and the test suite do, and say what is wrong, file by file.
 *
 *   npm run lessons:check              validate; exit 1 on any problem
 *   npm run lessons:check -- <dir>     validate another course folder (as `course check`)
 *   npm run lessons:check -- --fields  print every field authors may use
 *   npm run lessons:check -- --stats   also print each chapter's Run-solvable figure
 */
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { checkCourse, printFields } from "./courseCheck.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const args = process.argv.slice(2);

if (args.includes("--fields")) {
  printFields();
  process.exit(0);
}

const dir = args.find((arg) => !arg.startsWith("--"));
const options = { stats: args.includes("--stats") };
const result = dir
  ? await checkCourse(dir, relative(process.cwd(), dir) || ".", console, options)
  : await checkCourse(join(root, "lessons"), "lessons", console, options);
process.exit(result.errors.length ? 1 : 0);
