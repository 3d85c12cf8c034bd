import { abortError, concatBytes } from "../bytes.ts";
import type { ByteStream } from "../ByteStream.ts";
import { deadline } from "../deadline.ts";
import { httpRequestStreaming, type HttpStreamingResponse } from "./http.ts";
import { LogTextCollector } from "./logs.ts";
import type {
  ContainerInspect,
  ContainerSummary,
  DockerEvent,
  ImageHistoryItem,
  ImageInspect,
  ImageSummary,
  Info,
  Network,
  Version,
  Volume,
  VolumeList,
} from "./types.ts";

/** Every method takes this; aborting closes the connection and rejects with an `AbortError`. */
export interface RequestOptions {
  signal?: AbortSignal;
  /**
   * Give up with a `TimeoutError` after this long (the connection is closed).
   * Default: 60 s; `Infinity`: no limit.
   */
  timeoutMs?: number;
}

/**
 * Default limit of a request that ends (everything but `/events`): a daemon
 * that never answers must not leave a check or the boot waiting forever.
 */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Engine API filters, e.g. `{ label: ["app=web"], status: ["running"] }`.
 * A single string is shorthand for a one-element array.
 */
export type Filters = Record<string, string | readonly string[]>;

/** A point in time for `since`/`until`: unix seconds, a `Date`, or a string the daemon parses ("10m", RFC 3339). */
export type Timestamp = number | string | Date;

export interface ListOptions extends RequestOptions {
  /** Include stopped containers / intermediate images. Default false (what the CLI shows). */
  all?: boolean;
  filters?: Filters;
}

export interface LogsOptions extends RequestOptions {
  /** Default true. */
  stdout?: boolean;
  /** Default true. */
  stderr?: boolean;
  /** Only the last N lines. Default: all. */
  tail?: number | "all";
  since?: Timestamp;
  until?: Timestamp;
  /** Prefix each line with its RFC 3339 timestamp. Default false. */
  timestamps?: boolean;
  /** Whether the container has a TTY (raw, unframed logs). Default: inspect the container to find out. */
  tty?: boolean;
}

/** A subscription lasts as long as it is wanted: no time limit, only the signal. */
export interface EventsOptions extends Omit<RequestOptions, "timeoutMs"> {
  filters?: Filters;
  /** Replay past events from this time on. Default: only new events. */
  since?: Timestamp;
  /** End the stream at this time (then `done` resolves). Default: never. */
  until?: Timestamp;
}

/** A live `/events` subscription. */
export interface EventSubscription {
  /** Stop listening and close the connection; `done` then resolves. Idempotent. */
  close(): void;
  /** Resolves when the stream ends normally; rejects on errors, abort, or when `onEvent` throws. */
  readonly done: Promise<void>;
}

/** A non-2xx answer from the daemon. */
export class DockerApiError extends Error {
  override readonly name = "DockerApiError";
  constructor(
    /** HTTP status, e.g. 404 for a missing image or container, 409 for conflicts. */
    readonly status: number,
    /** The daemon's explanation (its JSON `message`), e.g. "No such image: nope:latest". */
    readonly daemonMessage: string,
    readonly method: string,
    /** Request path including the query string. */
    readonly path: string,
  ) {
    super(`${method} ${path} failed with ${status}: ${daemonMessage}`);
  }
}

/**
 * Typed client for the Docker Engine API. Each request opens its own
 * connection with `open` (the daemon's Unix socket, tunnelled into the VM),
 * so concurrent requests never interfere.
 */
export class DockerClient {
  /** Path prefix of every request, e.g. "v1.41" (pinned so responses keep the shapes in types.ts). */
  readonly apiVersion: string;

  constructor(
    private readonly open: () => Promise<ByteStream>,
    options: { apiVersion?: string } = {},
  ) {
    this.apiVersion = options.apiVersion ?? "v1.41";
  }

  /** `GET /_ping`: "OK" when the daemon is up. */
  async ping(options: RequestOptions = {}): Promise<string> {
    return this.limited("GET /_ping", options, async (signal) => {
      const response = await this.request("GET", "/_ping", {}, signal);
      return new TextDecoder().decode(await readAll(response));
    });
  }

  version(options: RequestOptions = {}): Promise<Version> {
    return this.json("/version", {}, options);
  }

  info(options: RequestOptions = {}): Promise<Info> {
    return this.json("/info", {}, options);
  }

  listImages({ all, filters, ...options }: ListOptions = {}): Promise<ImageSummary[]> {
    return this.json("/images/json", { all, filters: encodeFilters(filters) }, options);
  }

  /** `ref` is a name[:tag], name@digest or id; 404 DockerApiError when absent. */
  inspectImage(ref: string, options: RequestOptions = {}): Promise<ImageInspect> {
    return this.json(`/images/${encodeURIComponent(ref)}/json`, {}, options);
  }

  /** The image's build steps, newest first. */
  imageHistory(ref: string, options: RequestOptions = {}): Promise<ImageHistoryItem[]> {
    return this.json(`/images/${encodeURIComponent(ref)}/history`, {}, options);
  }

  listContainers({ all, filters, ...options }: ListOptions = {}): Promise<ContainerSummary[]> {
    return this.json("/containers/json", { all, filters: encodeFilters(filters) }, options);
  }

  inspectContainer(idOrName: string, options: RequestOptions = {}): Promise<ContainerInspect> {
    return this.json(`/containers/${encodeURIComponent(idOrName)}/json`, {}, options);
  }

  /**
   * The container's logs so far, decoded as UTF-8 per stream (no follow).
   * One time limit covers the inspect (for `tty`) and the logs request.
   */
  containerLogs(
    id: string,
    options: LogsOptions = {},
  ): Promise<{ stdout: string; stderr: string }> {
    return this.limited(`GET /containers/${id}/logs`, options, (signal) =>
      this.readLogs(id, options, signal),
    );
  }

  private async readLogs(
    id: string,
    options: LogsOptions,
    signal: AbortSignal,
  ): Promise<{ stdout: string; stderr: string }> {
    const tty =
      options.tty ?? (await this.inspectContainer(id, { signal, timeoutMs: Infinity })).Config.Tty;
    const query = {
      stdout: options.stdout ?? true,
      stderr: options.stderr ?? true,
      tail: options.tail === undefined ? undefined : String(options.tail),
      since: timestamp(options.since),
      until: timestamp(options.until),
      timestamps: options.timestamps,
    };
    const response = await this.request(
      "GET",
      `/containers/${encodeURIComponent(id)}/logs`,
      query,
      signal,
    );
    const collector = new LogTextCollector(tty);
    try {
      for await (const chunk of response.body) collector.push(chunk);
    } finally {
      response.close();
    }
    return collector.finish();
  }

  listNetworks({ filters, ...options }: Omit<ListOptions, "all"> = {}): Promise<Network[]> {
    return this.json("/networks", { filters: encodeFilters(filters) }, options);
  }

  inspectNetwork(idOrName: string, options: RequestOptions = {}): Promise<Network> {
    return this.json(`/networks/${encodeURIComponent(idOrName)}`, {}, options);
  }

  listVolumes({ filters, ...options }: Omit<ListOptions, "all"> = {}): Promise<VolumeList> {
    return this.json("/volumes", { filters: encodeFilters(filters) }, options);
  }

  inspectVolume(name: string, options: RequestOptions = {}): Promise<Volume> {
    return this.json(`/volumes/${encodeURIComponent(name)}`, {}, options);
  }

  /**
   * Subscribe to `/events` (newline-delimited JSON). Resolves once the daemon
   * accepted the request; `onEvent` is then called for each event in order.
   */
  async events(
    options: EventsOptions,
    onEvent: (event: DockerEvent) => void,
  ): Promise<EventSubscription> {
    const query = {
      filters: encodeFilters(options.filters),
      since: timestamp(options.since),
      until: timestamp(options.until),
    };
    const response = await this.request("GET", "/events", query, options.signal);
    const done = (async () => {
      const decoder = new TextDecoder();
      let buffered = "";
      const emit = (text: string, final: boolean) => {
        const lines = (buffered + text).split("\n");
        buffered = final ? "" : (lines.pop() ?? "");
        for (const line of lines) if (line.trim()) onEvent(JSON.parse(line) as DockerEvent);
      };
      try {
        for await (const chunk of response.body)
          emit(decoder.decode(chunk, { stream: true }), false);
        emit(decoder.decode(), true);
      } finally {
        response.close();
      }
    })();
    done.catch(() => {}); // reported through `done`; don't make unobserved failures crash the page
    return { close: () => response.close(), done };
  }

  /** Send a request; resolves with the streaming response when 2xx, else throws DockerApiError. */
  private async request(
    method: string,
    endpoint: string,
    query: Record<string, string | number | boolean | undefined>,
    signal: AbortSignal | undefined,
  ): Promise<HttpStreamingResponse> {
    const path = `/${this.apiVersion}${endpoint}${encodeQuery(query)}`;
    const stream = await this.connect(signal);
    const response = await httpRequestStreaming(stream, { method, path, signal });
    if (response.status >= 200 && response.status < 300) return response;
    const body = new TextDecoder().decode(await readAll(response));
    throw new DockerApiError(
      response.status,
      errorMessage(body, response.statusText),
      method,
      path,
    );
  }

  /**
   * Run a request that ends under its time limit (the caller's signal still
   * applies); the TimeoutError names the request.
   */
  private async limited<T>(
    what: string,
    options: RequestOptions,
    run: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
    const limit = deadline(`Docker Engine API ${what}`, timeoutMs, options.signal);
    try {
      return await run(limit.signal);
    } finally {
      limit.done();
    }
  }

  /** `open()`, but an abort rejects at once (a stream that arrives later is closed). */
  private connect(signal: AbortSignal | undefined): Promise<ByteStream> {
    if (!signal) return this.open();
    if (signal.aborted) return Promise.reject(abortError(signal));
    const opening = this.open();
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        reject(abortError(signal));
        opening.then(
          (stream) => stream.close(),
          () => {},
        );
      };
      signal.addEventListener("abort", onAbort, { once: true });
      opening.finally(() => signal.removeEventListener("abort", onAbort)).then(resolve, reject);
    });
  }

  private json<T>(
    endpoint: string,
    query: Record<string, string | number | boolean | undefined>,
    options: RequestOptions,
  ): Promise<T> {
    return this.limited(`GET ${endpoint}`, options, async (signal) => {
      const response = await this.request("GET", endpoint, query, signal);
      const text = new TextDecoder().decode(await readAll(response));
      try {
        return JSON.parse(text) as T;
      } catch {
        throw new Error(`GET ${endpoint}: invalid JSON from the daemon: ${text.slice(0, 200)}`);
      }
    });
  }
}

async function readAll(response: HttpStreamingResponse): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of response.body) parts.push(chunk);
  return concatBytes(parts);
}

/** The daemon's `{"message": "..."}`, else the raw body, else the reason phrase. */
function errorMessage(body: string, statusText: string): string {
  try {
    const parsed: unknown = JSON.parse(body);
    if (
      parsed &&
      typeof parsed === "object" &&
      "message" in parsed &&
      typeof parsed.message === "string"
    ) {
      return parsed.message;
    }
  } catch {
    // not JSON: fall through
  }
  return body.trim() || statusText;
}

/** Filters as the Engine API expects: a JSON object of string arrays (URL-encoded later). */
export function encodeFilters(filters: Filters | undefined): string | undefined {
  if (!filters) return undefined;
  const entries = Object.entries(filters).map(([key, value]) => [
    key,
    typeof value === "string" ? [value] : [...value],
  ]);
  return entries.length ? JSON.stringify(Object.fromEntries(entries)) : undefined;
}

/** `?a=1&b=x` with booleans as 1/0; undefined values are left out. */
function encodeQuery(params: Record<string, string | number | boolean | undefined>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const text = typeof value === "boolean" ? (value ? "1" : "0") : String(value);
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
  }
  return parts.length ? `?${parts.join("&")}` : "";
}

/** Dates become "seconds.nanoseconds", the daemon's own timestamp format. */
function timestamp(value: Timestamp | undefined): string | undefined {
  if (value === undefined || typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  const ms = value.getTime();
  return `${Math.floor(ms / 1000)}.${String(((ms % 1000) + 1000) % 1000).padStart(3, "0")}000000`;
}
