import { mount } from "svelte";
import App from "./ui/App.svelte";
import { SandboxState } from "./state/SandboxState.svelte.ts";

// Start restoring the VM before the UI has finished mounting: the restore is
// the long pole, the UI is not.
// `?vm=<url>` points at VM assets hosted elsewhere (a CDN, another build).
const sandbox = new SandboxState();
const vm = new URLSearchParams(location.search).get("vm");
void sandbox.boot(vm ? { assetsBase: new URL(vm, location.href).href } : {});
// For end-to-end tests and the curious: the live runtime behind the page.
(globalThis as { sandbox?: SandboxState }).sandbox = sandbox;

mount(App, { target: document.getElementById("app")!, props: { sandbox } });
