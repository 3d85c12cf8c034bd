/** "31.2 MB": sizes of saved sandboxes as a learner reads them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "today 10:32" or "5 Dec 10:32": when a sandbox was saved. */
export function formatTime(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  if (at.toDateString() === now.toDateString()) return `today ${time}`;
  return `${at.toLocaleDateString(undefined, { day: "numeric", month: "short" })} ${time}`;
}

/** Bytes offered as a file: an object URL to put in a link, released with `revoke`. */
export interface FileLink {
  href: string;
  name: string;
  bytes: number;
  revoke(): void;
}

export function fileLink(bytes: Uint8Array, name: string): FileLink {
  // Our bytes always sit in a plain ArrayBuffer (never shared memory).
  const href = URL.createObjectURL(
    new Blob([bytes as Uint8Array<ArrayBuffer>], { type: "application/octet-stream" }),
  );
  return { href, name, bytes: bytes.length, revoke: () => URL.revokeObjectURL(href) };
}
