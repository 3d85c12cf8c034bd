// `npm start`: set everything up (see setup.mjs), then serve the app.
import { run, setup } from "./setup.mjs";

setup();
process.exit(run("npx", ["--no-install", "vite", "--host", ...process.argv.slice(2)]));
