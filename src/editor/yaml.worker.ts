// monaco-yaml's worker, entered from our own module rather than imported
// straight from node_modules with `?worker`: the dev server then pre-bundles
// it like any dependency, turning its CommonJS dependencies into modules
// (imported directly, the worker fails in `vite dev` with "module is not
// defined"; monaco-yaml's README gives the same workaround). Its import of
// Monaco's worker bootstrap by the path before monaco-editor 0.55 is aliased
// in vite.config.ts.
import "monaco-yaml/yaml.worker.js";
