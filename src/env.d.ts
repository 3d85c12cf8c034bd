/// <reference types="vite/client" />

/** Build-time settings (Vite `VITE_*` environment variables); see the README. */
interface ImportMetaEnv {
  /** Origin that serves the live preview (a second origin for the same site), e.g. https://preview.example.org. */
  readonly VITE_PREVIEW_ORIGIN?: string;
  /** Origins `?lessonUrl=` may load lessons from (comma-separated); unset: any http(s) origin. */
  readonly VITE_LESSON_ORIGINS?: string;
  /** The app's origin, as the preview viewer must know whom to trust, e.g. https://learn.example.org. */
  readonly VITE_APP_ORIGIN?: string;
  /** An origin serving VM assets for `?vm=`, allowed in the Content-Security-Policy's connect-src (docs/deploy.md). */
  readonly VITE_VM_ORIGIN?: string;
  /** Origins that may embed the widget (embed.html), comma-separated; unset: any page (docs/embed.md). */
  readonly VITE_EMBED_ORIGINS?: string;
  /** Embedding origins whose API calls (exec, type, files, reset) run without asking the reader. */
  readonly VITE_EMBED_TRUSTED_ORIGINS?: string;
  /** "1": the app's state on `globalThis.app`, for the e2e tests; never in a deployment. */
  readonly VITE_EXPOSE_APP?: string;
}
