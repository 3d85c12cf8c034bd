/**
 * The preview viewer (preview.html on the preview origin): a small toolbar
 * and a frame showing /preview/<view>/<port>/<path>. It registers the
 * preview Service Worker and relays the requests the worker intercepts to
 * the app that owns the VM: its parent (the preview pane) or its opener (a
 * preview opened in a new tab). The app's origin is the only one it talks to.
 */
import { clearPreviewStorage } from "./clearPreviewStorage.ts";
import { appOriginOf, previewPath } from "./previewUrl.ts";
import { isMessage, type RequestMessage } from "./protocol.ts";
import "./viewer.css";

const params = new URLSearchParams(location.search);
const view = params.get("view") ?? "";
const port = Number(params.get("port"));
const appOrigin = appOriginOf(import.meta.env, location);
const partner: Window | null = window.opener ?? (window.parent !== window ? window.parent : null);
// The container's page is same-origin with this one and could reach the app's
// tab as `parent.opener` and navigate it away (reverse tabnabbing). This
// module keeps the reference to itself: hellos, also to an app reloaded in
// that tab, go to `partner`. (Reloading this tab itself then loses the app.)
window.opener = null;

const PING_MS = 2000;
let appPort: MessagePort | null = null;
let lastPong = 0;

const bar = document.createElement("form");
bar.className = "bar";
bar.innerHTML = `
  <button type="button" class="reload" title="Reload the page" aria-label="Reload">⟳</button>
  <label class="address"><span class="origin"></span><input name="path" spellcheck="false" aria-label="Path" /></label>
  <span class="state" role="status"></span>`;
const frame = document.createElement("iframe");
frame.title = "Preview";
// As in the preview pane: no allow-top-navigation, so the page cannot navigate
// this tab. allow-same-origin keeps the Service Worker (docs/preview.md).
frame.setAttribute(
  "sandbox",
  "allow-scripts allow-same-origin allow-forms allow-popups allow-modals allow-downloads",
);
const message = document.createElement("p");
message.className = "message";
document.body.append(bar, frame, message);
const input = bar.querySelector("input")!;
const state = bar.querySelector<HTMLElement>(".state")!;
bar.querySelector<HTMLElement>(".origin")!.textContent = `localhost:${port}`;

function fail(text: string): void {
  message.textContent = text;
  frame.hidden = true;
  bar.hidden = true;
}

function show(path: string): void {
  frame.src = previewPath(view, port, path);
}

// The frame is same-origin with this page: show where it navigated to.
frame.addEventListener("load", () => {
  try {
    const loc = frame.contentWindow!.location;
    const prefix = previewPath(view, port, "");
    input.value =
      (loc.pathname.startsWith(prefix) ? loc.pathname.slice(prefix.length) || "/" : loc.pathname) +
      loc.search;
  } catch {
    // navigated to another site: leave the address as it was
  }
});
bar.addEventListener("submit", (e) => {
  e.preventDefault();
  show(input.value.trim() || "/");
});
bar
  .querySelector(".reload")!
  .addEventListener("click", () => frame.contentWindow?.location.reload());

function setConnected(connected: boolean): void {
  state.textContent = connected ? "" : "waiting for the sandbox app…";
  document.body.dataset.connected = String(connected);
}

/** Say hello until the app answers with a port; again whenever it stops answering pings (reloaded). */
function connect(): void {
  if (!partner || !appOrigin) return;
  partner.postMessage({ type: "sandbox-preview-hello", view }, appOrigin);
}
window.addEventListener("message", (event) => {
  if (event.origin !== appOrigin || event.source !== partner) return;
  if (!isMessage(event.data, "sandbox-preview-connect") || !event.ports[0]) return;
  appPort?.close();
  appPort = event.ports[0];
  lastPong = Date.now();
  appPort.onmessage = (e) => {
    if (isMessage(e.data, "sandbox-preview-pong")) lastPong = Date.now();
  };
  setConnected(true);
});
setInterval(() => {
  if (appPort && Date.now() - lastPong > 3 * PING_MS) {
    appPort.close();
    appPort = null;
    setConnected(false);
  }
  if (appPort) appPort.postMessage({ type: "sandbox-preview-ping" });
  else connect();
}, PING_MS);

async function start(): Promise<void> {
  if (!view || !(port >= 1 && port <= 65535))
    return fail("This preview address is incomplete: open previews from the Docker sandbox app.");
  if (!partner)
    return fail(
      "This preview lost its sandbox: open it again from the Docker sandbox app (the app runs the containers).",
    );
  if (!appOrigin)
    return fail(
      "The preview does not know the app's origin: set VITE_APP_ORIGIN when building (docs/deploy.md).",
    );
  if (!("serviceWorker" in navigator))
    return fail(
      "This browser cannot show previews here (no Service Worker support, or a private window that blocks it).",
    );
  navigator.serviceWorker.addEventListener("message", (event) => {
    const reply = event.ports[0];
    if (!reply || !isMessage<RequestMessage>(event.data, "sandbox-preview-request")) return;
    if (appPort) appPort.postMessage(event.data, [reply]);
    else reply.postMessage(null); // the worker then shows "did not answer"
  });
  setConnected(false);
  connect();
  // Best effort: storage the browser blocks here has nothing in it to clear.
  await (async () =>
    clearPreviewStorage({
      locks: navigator.locks,
      localStorage,
      indexedDB: globalThis.indexedDB,
      caches: globalThis.caches,
    }))().catch(() => {});
  await navigator.serviceWorker.register("/preview-sw.js", { scope: "/" });
  await navigator.serviceWorker.ready;
  show(params.get("path") ?? "/");
}
start().catch((error: unknown) => fail(`The preview could not start: ${String(error)}`));
