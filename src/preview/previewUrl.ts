import { PREVIEW_PATH, type PreviewRequest } from "./protocol.ts";

/** Which container port a preview request is for, and the path to ask it for. */
export interface PreviewTarget {
  view: string;
  port: number;
  /** Path and query as the container sees them, e.g. `/static/app.css?v=2`. */
  path: string;
}

export function previewPath(view: string, port: number, path = "/"): string {
  return `/preview/${view}/${port}${path.startsWith("/") ? path : `/${path}`}`;
}

function parse(
  url: string | null | undefined,
  origin: string,
): { view: string; port: number; path: string } | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== origin) return null;
  const m = PREVIEW_PATH.exec(parsed.pathname);
  if (!m) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return { view: m[1]!, port, path: (m[3] ?? "/") + parsed.search };
}

/**
 * The target of an intercepted request. `/preview/v/4000/x` is explicit.
 * A root-relative URL (`<link href="/style.css">`, `fetch("/api")`, a form
 * posting to `/login`) loses the prefix; it belongs to the port of the page
 * that asked (its client URL, or for navigations its referrer).
 */
export function targetOf(request: PreviewRequest): PreviewTarget | null {
  const url = new URL(request.url);
  const own = parse(request.url, url.origin);
  if (own) return own;
  const from = parse(request.clientUrl, url.origin) ?? parse(request.referrer, url.origin);
  return from ? { view: from.view, port: from.port, path: url.pathname + url.search } : null;
}

const LOOPBACK = new Set(["localhost", "127.0.0.1", "0.0.0.0", "[::1]", "sandbox"]);

/**
 * A `Location` the container sent, as a URL inside the preview: absolute URLs
 * back to the same port on the guest (`http://localhost:4000/x`) and
 * root-relative ones (`/x`) get the preview prefix; relative ones resolve
 * against the current preview URL by themselves; anything else (another
 * site) is left alone.
 */
export function rewriteLocation(location: string, target: PreviewTarget): string {
  if (location.startsWith("//")) return location;
  if (location.startsWith("/")) return previewPath(target.view, target.port, location);
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return location; // relative: the browser resolves it against the preview URL
  }
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  if (
    (url.protocol === "http:" || url.protocol === "https:") &&
    LOOPBACK.has(url.hostname) &&
    port === target.port
  ) {
    return previewPath(target.view, target.port, url.pathname + url.search + url.hash);
  }
  return location;
}

/**
 * Default origins of a pair: the preview is served on the app's host at the
 * next port (5173 → 5174). Same site, so the browser treats the preview frame
 * as first-party and allows its Service Worker (a cross-site frame gets none
 * when third-party storage is blocked: incognito, Safari), yet another
 * origin, so previewed pages cannot read the app's storage. The Vite servers
 * listen on both ports (vite.config.ts); a production build sets
 * VITE_PREVIEW_ORIGIN / VITE_APP_ORIGIN instead (`previewOriginOf`).
 * Null when the location has no explicit port.
 */
export function previewOriginFor(location: {
  protocol: string;
  hostname: string;
  port: string;
}): string | null {
  return shiftedPort(location, +1);
}

/** The app's origin, as seen from a viewer on the default preview origin. */
export function appOriginFor(location: {
  protocol: string;
  hostname: string;
  port: string;
}): string | null {
  return shiftedPort(location, -1);
}

function shiftedPort(
  location: { protocol: string; hostname: string; port: string },
  by: number,
): string | null {
  const port = Number(location.port);
  if (!location.port || !(port + by >= 1 && port + by <= 65535)) return null;
  const host = location.hostname.includes(":") ? `[${location.hostname}]` : location.hostname;
  return `${location.protocol}//${host}:${port + by}`;
}

/** What the origin rules read from `import.meta.env`. */
export interface OriginSettings {
  PROD: boolean;
  VITE_PREVIEW_ORIGIN?: string;
  VITE_APP_ORIGIN?: string;
}

/**
 * The preview origin the app trusts with its VM: VITE_PREVIEW_ORIGIN, or, in
 * development and tests only, this host's next port. A production build must
 * name it, as the next port of a deployed host may belong to any other
 * service (docs/deploy.md). Null: no live preview.
 */
export function previewOriginOf(
  env: OriginSettings,
  location: { protocol: string; hostname: string; port: string },
): string | null {
  return (
    configuredOrigin(env.VITE_PREVIEW_ORIGIN) ?? (env.PROD ? null : previewOriginFor(location))
  );
}

/** The app's origin as a viewer trusts it: VITE_APP_ORIGIN, or, in development and tests only, the port before. */
export function appOriginOf(
  env: OriginSettings,
  location: { protocol: string; hostname: string; port: string },
): string | null {
  return configuredOrigin(env.VITE_APP_ORIGIN) ?? (env.PROD ? null : appOriginFor(location));
}

/** An origin from configuration (trailing slash and path dropped), or null when unset or invalid. */
export function configuredOrigin(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}
