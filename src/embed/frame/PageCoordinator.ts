/**
 * One VM at a time per host page (docs/embed.md says why, with the numbers):
 * the widgets of one page share a `page` id (the loader makes one per page
 * load) and a BroadcastChannel on the sandbox's origin. A widget that starts
 * says so; any other widget of the page that runs stops its VM (its files
 * are kept) and offers to resume.
 */
export class PageCoordinator {
  readonly #channel: BroadcastChannel | null;

  constructor(
    page: string,
    private readonly widget: string,
    onOtherStarted: () => void,
  ) {
    // Missing in very old browsers: then widgets simply do not coordinate.
    this.#channel =
      typeof BroadcastChannel === "function"
        ? new BroadcastChannel(`docker-sandbox:page:${page}`)
        : null;
    if (this.#channel) {
      this.#channel.onmessage = (event: MessageEvent) => {
        const data = event.data as { type?: unknown; widget?: unknown } | null;
        if (data?.type === "starting" && data.widget !== this.widget) onOtherStarted();
      };
    }
  }

  /** This widget starts its VM: the others stop theirs. */
  starting(): void {
    this.#channel?.postMessage({ type: "starting", widget: this.widget });
  }

  dispose(): void {
    this.#channel?.close();
  }
}
