/**
 * Tells when the guest waits for its disk. v86 fetches the lazy disk with
 * XMLHttpRequest Range requests and, when one fails, tries again with a
 * back-off (1, 1, 2, 3, 5 … 34 s) for ever: offline, a chunk the service
 * worker never kept makes the guest wait silently, and the learner's command
 * looks hung (docs/offline.md). Watching those requests lets the app say so.
 *
 * Installed in the VM's Web Worker before v86 starts: v86 creates each
 * request with `new XMLHttpRequest()` on the worker's global, so a subclass
 * there sees every disk request.
 */
export function watchDiskRequests(
  scope: { XMLHttpRequest: typeof XMLHttpRequest },
  isDisk: (url: string) => boolean,
  onChange: (waiting: boolean) => void,
  /**
   * Told once per byte range that failed (`bytes=a-b`): which part of the
   * disk is missing names the program that waits (docs/offline.md maps a
   * range to a file), where "offline" alone does not.
   */
  onMissing: (range: string) => void = () => {},
): void {
  const Base = scope.XMLHttpRequest;
  let failing = 0;
  const told = new Set<string>();
  const failed = (range: string) => {
    if (!told.has(range)) {
      told.add(range);
      onMissing(range);
    }
    if (failing++ === 0) onChange(true);
  };
  const loaded = () => {
    if (failing === 0) return;
    failing = 0;
    onChange(false);
  };
  scope.XMLHttpRequest = class extends Base {
    #range = "";
    override open(method: string, url: string | URL, ...rest: unknown[]): void {
      if (isDisk(String(url))) {
        this.addEventListener("error", () => failed(this.#range));
        this.addEventListener("load", () => (this.status >= 500 ? failed(this.#range) : loaded()));
      }
      (super.open as (...args: unknown[]) => void)(method, url, ...rest);
    }
    override setRequestHeader(name: string, value: string): void {
      if (name.toLowerCase() === "range") this.#range = value;
      super.setRequestHeader(name, value);
    }
  };
}
