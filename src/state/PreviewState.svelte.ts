import type { ContainerSummary } from "../runtime/docker/types.ts";
import type { Runtime } from "../runtime/Runtime.ts";
import { Disposables } from "../session/Disposables.ts";
import type { SandboxSession } from "../session/SandboxSession.ts";

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
  #subscriptions = new Disposables();
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

  /** Follow the containers of the session's runtime, from its shared Docker events, until it stops. */
  attach(session: SandboxSession): void {
    this.detach();
    if (!session.runtime) return;
    this.#runtime = session.runtime;
    const subscriptions = (this.#subscriptions = new Disposables());
    subscriptions.add(
      session.on("docker", (event) => {
        if (event.Type !== "container" || !CONTAINER_EVENTS.includes(event.Action)) return;
        if (this.#debounce) clearTimeout(this.#debounce);
        this.#debounce = setTimeout(() => void this.refresh(), this.options.debounceMs ?? 150);
      }),
    );
    // One listing once the stream is first tried, then one after each
    // resubscription: events may have been missed meanwhile.
    subscriptions.add(session.on("dockerSubscribed", ({ again }) => again && void this.refresh()));
    subscriptions.add(session.on("stopping", () => this.detach()));
    void session.dockerFollowing.then(() => this.refresh());
  }

  detach(): void {
    this.#subscriptions.dispose();
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
