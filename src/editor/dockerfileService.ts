import {
  DockerfileLanguageServiceFactory,
  type DockerfileLanguageService,
} from "dockerfile-language-service";

/**
 * A Dockerfile language service that answers as Monaco can render: snippets
 * (e.g. `RUN ${1:command}`), Markdown docs, line-based folding.
 */
export function createDockerfileService(): DockerfileLanguageService {
  const service = DockerfileLanguageServiceFactory.createLanguageService();
  service.setCapabilities({
    completion: {
      completionItem: {
        snippetSupport: true,
        documentationFormat: ["markdown", "plaintext"],
        deprecatedSupport: true,
        tagSupport: { valueSet: [1] },
      },
    },
    hover: { contentFormat: ["markdown", "plaintext"] },
    foldingRange: { lineFoldingOnly: true, rangeLimit: 5000 },
  });
  return typeof globalThis.Buffer === "undefined" ? withNodeBuffer(service) : service;
}

/** The one piece of Node's Buffer the parser uses: `Buffer.from(text, "UTF-8")`. */
const bufferShim = { from: (text: string) => new TextEncoder().encode(text) };

/**
 * dockerfile-ast 0.7.1 (under dockerfile-language-service) parses every
 * Dockerfile with `Util.isUTF8BOM`, which calls Node's `Buffer`; browsers
 * have none. Each service call is synchronous up to its parse, so a `Buffer`
 * is lent for exactly the duration of the call: no other code on the page
 * ever sees one (some libraries take a global Buffer as a sign of Node).
 */
function withNodeBuffer(service: DockerfileLanguageService): DockerfileLanguageService {
  const scope = globalThis as { Buffer?: unknown };
  return new Proxy(service, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        scope.Buffer = bufferShim;
        try {
          return value.apply(target, args);
        } finally {
          delete scope.Buffer;
        }
      };
    },
  });
}
