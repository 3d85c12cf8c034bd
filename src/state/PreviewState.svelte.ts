import { followEvents } from "../runtime/docker/followEvents.ts";
import type { ContainerSummary } from "../runtime/docker/types.ts";
import type { Runtime } from "../runtime/Runtime.ts";

/** A TCP port a running container publishes on the guest (`-p 4000:80`, `-P`). */
export interface PublishedPort {
  hostPort: number;
  containerPort: number;
  /** Container name without the slash. */
  container: string;
  image: string;
}

/** Published TCP ports of running containers, one per host port, in port order. */
export function publishedPorts(containers: readonly ContainerSummary[]): PublishedPort[] {
  const byPort = new Map<number, PublishedPort>();
  for (const c of containers) {
    if (c.State !== "running") continue;
    for (const p of c.Ports) {
      if (p.Type !== "tcp" || !p.PublicPort || byPort.has(p.PublicPort)) continue;
      byPort.set(p.PublicPort, {
        hostPort: p.PublicPort,
        containerPort: p.PrivatePort,
        container: (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, ""),
        image: c.Image,
      });
    }
  }
  return [...byPort.values()].sort((a, b) => a.hostPort - b.hostPort);
}

const CONTAINER_EVENTS = ["start", "die", "stop", "kill", "pause", "unpause", "destroy", "rename"];

function newViewId(): string {
  return Math.random().toString(36).slice(2, 10);
}

export interface PreviewOptions {
  /** First wait before re-subscribing to Docker events after the stream ended (dockerd restarted); doubles up to 30 s. */
  retryMs?: number;
  /** Coalesce bursts of container events into one listing. */
  debounceMs?: number;
}

/**
 * The live preview's state: which ports running containers publish (kept up
 * to date from Docker's event stream, so it costs nothing while idle) and
 * which one the preview pane shows. The pane embeds the viewer page from the
 * preview origin; `origin` null means previews are unavailable here.
 */
export class PreviewState {
  #ports = $state<PublishedPort[]>([]);
  #openPort = $state<number | null>(null);
  /** The pane's viewer id; a new tab gets its own. */
  readonly view = newViewId();
  #runtime: Runtime | null = null;
  #follow: AbortController | null = null;
  #debounce: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly origin: string | null,
    private readonly options: PreviewOptions = {},
  ) {}

  get ports(): PublishedPort[] {
    return this.#ports;
  }
  get openPort(): number | null {
    return this.#openPort;
  }

  /** Follow `runtime`'s containers (again after a reset). */
  attach(runtime: Runtime): void {
    this.detach();
    this.#runtime = runtime;
    const follow = new AbortController();
    this.#follow = follow;
    void followEvents(
      runtime.docker,
      {
        filters: { type: ["container"], event: CONTAINER_EVENTS },
        signal: follow.signal,
        retryMs: this.options.retryMs ?? 2000,
        // Each (re)subscription lists the containers: events may have been missed.
        onSubscribed: () => void this.refresh(),
      },
      () => {
        if (this.#debounce) clearTimeout(this.#debounce);
        this.#debounce = setTimeout(() => void this.refresh(), this.options.debounceMs ?? 150);
      },
    );
  }

  detach(): void {
    this.#follow?.abort();
    this.#follow = null;
    this.#runtime = null;
    if (this.#debounce) clearTimeout(this.#debounce);
    this.#debounce = null;
    this.#ports = [];
  }

  /** Look at the containers now (e.g. right after the learner pressed Enter). */
  async refresh(): Promise<void> {
    const runtime = this.#runtime;
    if (!runtime) return;
    try {
      this.#ports = publishedPorts(await runtime.docker.listContainers());
    } catch {
      // dockerd restarting: the event watcher lists again once it is back
    }
  }

  open(port: number): void {
    this.#openPort = port;
  }

  close(): void {
    this.#openPort = null;
  }

  /** The viewer page for `port` (in the pane, or with a fresh view id in a new tab). */
  viewerUrl(port: number, view: string = this.view): string | null {
    if (!this.origin) return null;
    return `${this.origin}/preview.html?view=${encodeURIComponent(view)}&port=${port}`;
  }

  /** A viewer for a new tab: its own view id, so it lives on when the pane closes. */
  newTabUrl(port: number): string | null {
    return this.viewerUrl(port, newViewId());
  }
}
