// `npm start`: set everything up (see setup.mjs), then serve the app.
import { run, setup } from "./setup.mjs";

setup();
// Vite's default host, localhost: whoever reaches the dev server can use the
// sandbox and its preview origin. `npm start -- --host` serves the network
// too (e.g. to a browser outside this machine's container or VM).
process.exit(run("npx", ["--no-install", "vite", ...process.argv.slice(2)]));
