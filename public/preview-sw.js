// @ts-check
/* The live preview's Service Worker, registered on the PREVIEW origin by the
 * viewer page (preview.html). It turns requests for
 * /preview/<view>/<port>/<path> (and root-relative requests made by such a
 * page) into messages to the viewer page with that <view>, which hands them
 * to the app that runs the VM; the app answers with the container's HTTP
 * response. Kept as plain JavaScript because a Service Worker's URL and
 * scope must be fixed; the logic lives in src/preview (see docs/preview.md). */
/// <reference lib="webworker" />
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));

/* Same shape as PREVIEW_PATH in src/preview/protocol.ts. */
const PREVIEW_PATH = /^\/preview\/([A-Za-z0-9_-]{1,64})\/(\d{1,5})(\/.*)?$/;
const REPLY_TIMEOUT_MS = 60_000;

sw.addEventListener("install", () => void sw.skipWaiting());
sw.addEventListener("activate", (event) => event.waitUntil(sw.clients.claim()));

/** @param {string | null | undefined} url */
function viewOf(url) {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.origin !== sw.location.origin) return null;
    return PREVIEW_PATH.exec(parsed.pathname)?.[1] ?? null;
  } catch {
    return null;
  }
}

sw.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return; // another site: the network, as usual
  const view = viewOf(request.url) ?? viewOf(request.referrer);
  if (view) {
    event.respondWith(forward(event, view));
  } else if (event.clientId && !url.pathname.startsWith("/preview.html")) {
    // No referrer (e.g. Referrer-Policy: no-referrer): ask which page made the request.
    event.respondWith(
      sw.clients.get(event.clientId).then((client) => {
        const fromView = viewOf(client?.url);
        return fromView ? forward(event, fromView, client?.url) : fetch(request);
      }),
    );
  }
});

/**
 * @param {FetchEvent} event
 * @param {string} view
 * @param {string} [clientUrl]
 */
async function forward(event, view, clientUrl) {
  const request = event.request;
  const windows = await sw.clients.matchAll({ type: "window", includeUncontrolled: true });
  const viewer = windows.find((c) => {
    const u = new URL(c.url);
    return u.pathname.endsWith("/preview.html") && u.searchParams.get("view") === view;
  });
  if (!viewer) {
    return errorPage(
      503,
      "This preview has ended",
      "Open the preview again from the Docker sandbox app.",
    );
  }
  const body =
    request.method === "GET" || request.method === "HEAD" ? null : await request.arrayBuffer();
  const { port1, port2 } = new MessageChannel();
  /** @type {Promise<any>} */
  const reply = new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), REPLY_TIMEOUT_MS);
    port1.onmessage = (e) => {
      clearTimeout(timer);
      resolve(e.data);
    };
  });
  viewer.postMessage(
    {
      type: "sandbox-preview-request",
      request: {
        url: request.url,
        clientUrl: clientUrl ?? null,
        referrer: request.referrer,
        method: request.method,
        headers: [...request.headers],
        body,
      },
    },
    [port2],
  );
  const answer = await reply;
  port1.close();
  if (!answer) {
    return errorPage(
      504,
      "The sandbox did not answer",
      "Is the Docker sandbox app still open? This page retries.",
    );
  }
  const noBody = answer.status === 204 || answer.status === 304 || request.method === "HEAD";
  return new Response(noBody ? null : answer.body, {
    status: answer.status,
    statusText: answer.statusText,
    headers: answer.headers,
  });
}

/**
 * @param {number} status
 * @param {string} title
 * @param {string} text
 */
function errorPage(status, title, text) {
  const html =
    `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="3"><title>${title}</title>` +
    `<body style="font:15px system-ui,sans-serif;margin:2rem" data-preview-error="${status}">` +
    `<h1 style="font-size:1.2rem">${title}</h1><p>${text}</p></body>`;
  return new Response(html, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}
