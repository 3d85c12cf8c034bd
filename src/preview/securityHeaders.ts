export { originList } from "../content/originList.ts";

/**
 * The site's security headers (docs/deploy.md): a Content-Security-Policy
 * for the app, one for the live preview's viewer and Service Worker on the
 * preview origin, and two headers for every response. vite.config.ts sends
 * them from the dev server, writes them into a build (dist/_headers, and
 * <meta> tags for hosts that cannot set headers), and `vite preview` serves
 * dist/_headers as a static host would.
 */

/** The origins a build or server is for. */
export interface SiteOrigins {
  /** The live preview's origin (VITE_PREVIEW_ORIGIN); null: no preview. */
  preview: string | null;
  /** The app's origin (VITE_APP_ORIGIN): the only page that may frame the viewer. */
  app: string | null;
  /**
   * Other origins the app may fetch from: where `?vm=` VM assets
   * (VITE_VM_ORIGIN) and `?lessonUrl=` lessons (VITE_LESSON_ORIGINS) live.
   */
  connect: readonly string[];
  /**
   * The pages that may frame the embed widget, `embed.html`
   * (VITE_EMBED_ORIGINS). Empty or absent: any page.
   */
  embed?: readonly string[];
  /**
   * No VITE_LESSON_ORIGINS: a widget may load an author's lesson (`lesson-url`)
   * from any https origin (and http in dev). The lesson is untrusted and
   * fetched without credentials either way (lessonFromUrl.ts); the app's own
   * page keeps to `connect`.
   */
  lessonsFromAnywhere?: boolean;
}

export interface PolicyOptions {
  /** For the Vite dev server: its client's HMR WebSocket and injected <style> tags. Default false. */
  dev?: boolean;
}

/** Sent with every response, on both origins. */
export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  // Lesson links and previewed pages learn nothing of where the learner was.
  "Referrer-Policy": "no-referrer",
  "X-Content-Type-Options": "nosniff",
};

/**
 * The embed loader, `/embed.js`: host pages on any origin load it as a
 * module script, which the browser fetches with CORS. Its URL never changes
 * (host pages hard-code it), so caches keep it only briefly.
 */
export const LOADER_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  "Cache-Control": "public, max-age=300",
};

/**
 * The app's policy, also its workers' (a worker gets the policy of its
 * script's response). v86 compiles the guest's code to WebAssembly at run
 * time, hence 'wasm-unsafe-eval'; nothing needs eval. connect-src is what
 * the page and the VM's worker may fetch: the app's own files and the
 * configured VM and lesson origins, so guest traffic that v86 relays through
 * fetch() cannot go anywhere else either.
 * Svelte, Monaco and xterm set inline styles. The preview is the only frame.
 */
export function appPolicy(origins: SiteOrigins, { dev = false }: PolicyOptions = {}): string {
  return policy({
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "worker-src": ["'self'", "blob:"],
    "connect-src": ["'self'", ...origins.connect, ...(dev ? ["ws:", "wss:"] : [])],
    "img-src": ["'self'", "https:", "data:"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "frame-src": [origins.preview ?? "'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
  });
}

/**
 * The preview origin's policy for the viewer page and the Service Worker.
 * Container pages are not bound by it: they arrive as the worker's own
 * responses, with the container's headers. But the viewer's frame-src rules
 * where the container's frame may navigate, so it allows any web page, as
 * the container's links may lead anywhere.
 */
export function viewerPolicy({ dev = false }: PolicyOptions = {}): string {
  return policy({
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
    "frame-src": ["'self'", "http:", "https:"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
  });
}

/**
 * The roster page (roster.html): it reads receipts learners hand over, which
 * are untrusted, and needs nothing but its own scripts and styles. It loads
 * no VM, no frames and no other origin; receipts are read locally.
 */
export function rosterPolicy({ dev = false }: PolicyOptions = {}): string {
  return policy({
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", ...(dev ? ["'unsafe-inline'"] : [])],
    "img-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
  });
}

/** Who may frame the viewer: the app's preview pane only. Header-only (a <meta> policy ignores it). */
export function viewerAncestors(origins: SiteOrigins): string {
  return `frame-ancestors ${origins.app ?? "'none'"}`;
}

/**
 * Who may frame the embed widget: the configured origins, or any page (the
 * point of a widget). Header-only, like viewerAncestors.
 */
export function embedAncestors(origins: SiteOrigins): string {
  return `frame-ancestors ${origins.embed?.length ? origins.embed.join(" ") : "*"}`;
}

/**
 * The embed widget's page as a <meta> policy: the app's (it runs the same
 * code), and it may fetch an author's lesson from the author's site.
 */
export function embedMetaPolicy(origins: SiteOrigins, options: PolicyOptions = {}): string {
  const lessons = origins.lessonsFromAnywhere
    ? options.dev
      ? ["https:", "http:"]
      : ["https:"]
    : [];
  return appPolicy({ ...origins, connect: [...origins.connect, ...lessons] }, options);
}

/** The embed widget's page as a header: its <meta> policy, plus who may frame it. */
export function embedPolicy(origins: SiteOrigins, options: PolicyOptions = {}): string {
  return `${embedMetaPolicy(origins, options)}; ${embedAncestors(origins)}`;
}

function policy(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(" "))
    .join("; ");
}

/**
 * dist/_headers, in the format of Netlify and Cloudflare Pages: a path
 * pattern, then its headers indented. Such hosts apply every rule that
 * matches and join repeated headers with a comma, which for a
 * Content-Security-Policy means two policies that both apply. So each path
 * gets its policy from exactly one rule. The app's policy also covers
 * assets/, where its workers' scripts are.
 */
export function headersFile(origins: SiteOrigins): string {
  const app = appPolicy(origins);
  const viewer = viewerPolicy();
  const rules: [string, Record<string, string>][] = [
    ["/*", { ...COMMON_HEADERS }],
    ["/", { "Content-Security-Policy": app }],
    ["/index.html", { "Content-Security-Policy": app }],
    ["/assets/*", { "Content-Security-Policy": app }],
    ["/preview.html", { "Content-Security-Policy": `${viewer}; ${viewerAncestors(origins)}` }],
    ["/preview-sw.js", { "Content-Security-Policy": viewer }],
    // Hosts that serve pages without their extension answer /embed too.
    ["/embed.html", { "Content-Security-Policy": embedPolicy(origins) }],
    ["/embed", { "Content-Security-Policy": embedPolicy(origins) }],
    ["/embed.js", { ...LOADER_HEADERS }],
    ["/roster.html", { "Content-Security-Policy": `${rosterPolicy()}; frame-ancestors 'none'` }],
    ["/roster", { "Content-Security-Policy": `${rosterPolicy()}; frame-ancestors 'none'` }],
  ];
  return [
    "# Security headers of the Docker sandbox, for static hosts that read this file.",
    "# Generated by the build (vite.config.ts); why each: docs/deploy.md.",
    ...rules.map(
      ([path, headers]) =>
        `${path}\n${Object.entries(headers)
          .map(([name, value]) => `  ${name}: ${value}`)
          .join("\n")}`,
    ),
    "",
  ].join("\n");
}

/** The headers a `_headers` file gives `path`: every matching rule's, in order. */
export function headersFor(file: string, path: string): [string, string][] {
  const out: [string, string][] = [];
  let matches = false;
  for (const line of file.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim();
      matches = pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    } else if (matches) {
      const colon = line.indexOf(":");
      out.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return out;
}
