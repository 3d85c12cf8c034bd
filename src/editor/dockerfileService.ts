import {
  DockerfileLanguageServiceFactory,
  type DockerfileLanguageService,
} from "dockerfile-language-service";
import { lendNodeBuffer } from "../checks/dockerfile/lendNodeBuffer.ts";

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

/**
 * Every service call parses with dockerfile-ast, which needs Node's `Buffer`
 * (see {@link lendNodeBuffer}); each call is synchronous up to its parse, so
 * the shim is lent per call.
 */
function withNodeBuffer(service: DockerfileLanguageService): DockerfileLanguageService {
  return new Proxy(service, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => lendNodeBuffer(() => value.apply(target, args));
    },
  });
}
