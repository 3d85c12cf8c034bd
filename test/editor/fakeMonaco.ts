import type * as Monaco from "monaco-editor/editor";

type Listener<T> = (value: T) => void;

class Event<T> {
  readonly listeners = new Set<Listener<T>>();
  readonly subscribe = (listener: Listener<T>): Monaco.IDisposable => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value: T): void {
    for (const listener of [...this.listeners]) listener(value);
  }
}

const uriFrom = ({ scheme, path }: { scheme: string; path: string }) => ({
  scheme,
  path,
  toString: () => `${scheme}://${path}`,
});
type FakeUri = ReturnType<typeof uriFrom>;

/** The part of a Monaco text model the editor modules use. */
export class FakeModel {
  readonly #changed = new Event<unknown>();
  #disposed = false;

  constructor(
    readonly owner: FakeMonaco,
    public value: string,
    public languageId: string,
    readonly uri: FakeUri,
  ) {}

  getValue = () => this.value;
  getLanguageId = () => this.languageId;
  isDisposed = () => this.#disposed;
  onDidChangeContent = this.#changed.subscribe;
  getWordUntilPosition = ({ lineNumber, column }: Monaco.IPosition) => {
    const line = this.value.split("\n")[lineNumber - 1] ?? "";
    const word = /\w*$/.exec(line.slice(0, column - 1))![0];
    return { word, startColumn: column - word.length, endColumn: column };
  };

  /** What typing does: new text and a content-change event. */
  type(value: string): void {
    this.value = value;
    this.#changed.fire({});
  }

  dispose(): void {
    if (this.#disposed) return;
    this.owner.willDispose.fire(this);
    this.#disposed = true;
    this.owner.models.splice(this.owner.models.indexOf(this), 1);
  }
}

/**
 * A Node stand-in for the Monaco namespace: models, marker storage and
 * provider registries. Cast it with `api` where `typeof monaco` is expected.
 */
export class FakeMonaco {
  readonly models: FakeModel[] = [];
  readonly markers = new Map<string, Monaco.editor.IMarkerData[]>();
  readonly providers: { kind: string; language: string; provider: unknown }[] = [];
  readonly created = new Event<FakeModel>();
  readonly willDispose = new Event<FakeModel>();
  readonly languageChanged = new Event<{ model: FakeModel; oldLanguage: string }>();

  readonly Uri = { from: uriFrom };
  readonly editor = {
    createModel: (text: string, language: string, uri: FakeUri) => {
      const model = new FakeModel(this, text, language, uri);
      this.models.push(model);
      this.created.fire(model);
      return model;
    },
    getModel: (uri: FakeUri) =>
      this.models.find((m) => m.uri.toString() === uri.toString()) ?? null,
    getModels: () => [...this.models],
    onDidCreateModel: this.created.subscribe,
    onWillDisposeModel: this.willDispose.subscribe,
    onDidChangeModelLanguage: this.languageChanged.subscribe,
    setModelMarkers: (model: FakeModel, owner: string, markers: Monaco.editor.IMarkerData[]) => {
      this.markers.set(`${owner}:${model.uri.toString()}`, markers);
    },
  };
  readonly languages = new Proxy(
    { FoldingRangeKind: { fromValue: (value: string) => ({ value }) } } as Record<string, unknown>,
    {
      // register<Kind>Provider(language, provider) records the provider.
      get: (target, name: string) =>
        target[name] ??
        ((language: string, provider: unknown) => {
          const entry = { kind: name.replace(/^register|Provider$/g, ""), language, provider };
          this.providers.push(entry);
          return { dispose: () => this.providers.splice(this.providers.indexOf(entry), 1) };
        }),
    },
  );

  get api(): typeof Monaco {
    return this as unknown as typeof Monaco;
  }

  markersOf(model: FakeModel, owner = "dockerfile"): Monaco.editor.IMarkerData[] | undefined {
    return this.markers.get(`${owner}:${model.uri.toString()}`);
  }

  provider<T>(kind: string): T {
    const entry = this.providers.find((p) => p.kind === kind);
    if (!entry) throw new Error(`no ${kind} provider registered`);
    return entry.provider as T;
  }
}
