import { mount } from "svelte";
import {
  catalogErrors,
  chapters as courseChapters,
  lessons as courseLessons,
} from "./content/catalog.ts";
import { courseFromUrl } from "./content/courseFromUrl.ts";
import type { Lesson } from "./content/lesson.ts";
import { lessonFromUrl } from "./content/lessonFromUrl.ts";
import { browserPackEnvironment } from "./offline/browserPackEnvironment.ts";
import { ChapterKeeper } from "./offline/ChapterKeeper.ts";
import { fetchOfflineManifest } from "./offline/fetchOfflineManifest.ts";
import { guestIdleWaiter } from "./runtime/guestIdle.ts";
import { keepChaptersOffline } from "./offline/keepChaptersOffline.svelte.ts";
import { registerServiceWorker } from "./offline/registerServiceWorker.ts";
import { originList } from "./content/originList.ts";
import { PreviewHost } from "./preview/PreviewHost.ts";
import { previewOriginOf } from "./preview/previewUrl.ts";
import { proxyRequest } from "./preview/proxyRequest.ts";
import { AppState } from "./state/AppState.svelte.ts";
import { workerRuntime } from "./state/SandboxState.svelte.ts";
import { keyValueStore } from "./state/keyValueStore.ts";
import { progressStore } from "./state/progressStore.ts";
import { savedSandboxStore } from "./state/savedSandboxStore.ts";
import { webStorage } from "./state/webStorage.ts";
import { browserStores } from "./state/workspaceStore.ts";
import App from "./ui/App.svelte";

// `?vm=<url>` points at VM assets hosted elsewhere (a CDN, a mirror); the
// worker accepts them only if they are this app's own VM build.
const params = new URLSearchParams(location.search);
const vm = params.get("vm");
const vmBase = vm === null ? undefined : urlOrNull(vm)?.href;
// Problems with lessons are shown in the lesson pane, not just the console.
const lessonProblems = [...catalogErrors];
let lessons: readonly Lesson[] = courseLessons;
let chapters = courseChapters;
// `?course=<url>` opens an instructor's course (course.json, or a folder with
// one) instead of the built-in one. It is untrusted like `?lessonUrl=`: its
// own id namespace, a banner, nothing runs until the learner agrees
// (docs/courses.md). The emulator's worker and code load while it is fetched.
const runtimeFactory = workerRuntime(vmBase);
let runtime = runtimeFactory;
const courseParam = params.get("course");
if (courseParam !== null) {
  const early = runtimeFactory();
  early.catch(() => {}); // SandboxState reports it when it boots
  runtime = () => early;
  const target = urlOrNull(courseParam);
  try {
    if (!target) throw new Error(`?course=“${courseParam}” is not a URL.`);
    const course = await courseFromUrl(target, {
      allowedOrigins: originList(import.meta.env.VITE_LESSON_ORIGINS),
    });
    if (course.lessons.length === 0) {
      throw new Error(
        `The course at ${course.url} has no lesson that loads` +
          (course.errors.length ? `:\n${course.errors.join("\n")}` : "."),
      );
    }
    lessons = course.lessons;
    chapters = course.chapters;
    // An instructor links to a lesson by the id they gave it (`&lesson=intro`).
    const named = course.lessons.find((l) => l.from?.id === params.get("lesson"));
    if (named) {
      params.set("lesson", named.id);
      const url = new URL(location.href);
      url.searchParams.set("lesson", named.id);
      history.replaceState(history.state, "", url);
    }
    lessonProblems.splice(0, lessonProblems.length, ...new Set(course.errors));
    document.title = `${course.info.title} · Docker sandbox`;
  } catch (err) {
    lessonProblems.unshift(
      `${(err as Error).message}\nThis is the site's own course instead; fix the course, then reload.`,
    );
  }
}
// `?fresh` starts the open lesson from its start files instead of the kept
// workspace. A link must not throw saved work away by itself: ask first.
const stores = browserStores();
if (params.has("fresh")) {
  const id = params.get("lesson") ?? lessons[0]?.id;
  const saved = id
    ? await stores(`lesson:${id}`)
        .load()
        .catch(() => null)
    : null;
  const title = lessons.find((l) => l.id === id)?.title ?? id;
  if (
    id &&
    saved &&
    confirm(
      `This link starts “${title}” over from its start files.\n\n` +
        "Delete your saved files for this lesson in this browser?",
    )
  ) {
    await stores(`lesson:${id}`)
      .clear()
      .catch(() => {});
  }
  // Once: a reload of this URL must not ask again.
  const url = new URL(location.href);
  url.searchParams.delete("fresh");
  history.replaceState(history.state, "", url);
}

let allLessons: readonly Lesson[] = lessons;
// `?lessonUrl=<url>` opens a lesson from elsewhere first (an author's
// preview). It is untrusted: its own id namespace, a banner, and nothing runs
// until the learner agrees (lessonFromUrl.ts, ConsentState).
const lessonUrl = params.get("lessonUrl");
const lessonTarget = lessonUrl === null ? null : urlOrNull(lessonUrl);
if (lessonUrl !== null && !lessonTarget) {
  lessonProblems.push(`Cannot load a lesson from “${lessonUrl}”: ?lessonUrl= is not a URL.`);
} else if (lessonTarget) {
  try {
    const extra = await lessonFromUrl(lessonTarget, {
      allowedOrigins: originList(import.meta.env.VITE_LESSON_ORIGINS),
    });
    allLessons = [extra, ...lessons];
  } catch (err) {
    lessonProblems.push((err as Error).message);
  }
}
if (vm !== null && !vmBase) {
  lessonProblems.push(`Ignored ?vm=“${vm}”: it is not a URL. The sandbox uses this site's own VM.`);
}
for (const problem of lessonProblems) console.error(`[lessons] ${problem}`);

// The live preview needs a second origin, so previewed pages cannot read this
// one's storage: configured at build time (production), or this host's next port.
const previewOrigin = previewOriginOf(import.meta.env, location);

const app = new AppState({
  lessons: allLessons,
  chapters,
  lessonProblems,
  runtime,
  stores,
  progress: progressStore(keyValueStore()),
  window,
  storage: webStorage(),
  previewOrigin: previewOrigin === location.origin ? null : previewOrigin,
  savedSandbox: savedSandboxStore(keyValueStore()),
});
// Leaving the tab (switching away, closing, a phone locking) is when work is
// lost: keep the sandbox then. A closing tab may end before the save does;
// the saves after each passed step cover that.
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") void app.saves.save("hidden");
});
if (app.preview.origin) {
  // Preview viewers (the pane, new tabs) send their requests here; the VM
  // answers, for the ports running containers publish and no others.
  new PreviewHost(
    window,
    app.preview.origin,
    () => {
      const runtime = app.sandbox.ready ? app.sandbox.runtime : null;
      return runtime
        ? (request) => proxyRequest((port, o) => runtime.connect(port, o), request)
        : null;
    },
    { isPublished: (port) => app.preview.ports.some((p) => p.hostPort === port) },
  );
}
// Start restoring the VM before the UI has finished mounting: the restore is
// the long pole, the UI is not. Offline after one visit (docs/offline.md): a
// first visit starts it once the service worker controls the page (at most
// 15 s), so that everything the VM reads is kept.
let starting: Promise<void> | null = null;
starting = registerServiceWorker(() => starting).then(() => app.start());
// The built-in course's chapters are recorded for offline use: keep the one
// being taken once the sandbox is up (ChapterKeeper.ts).
if (lessons === courseLessons) {
  const vmBase = new URL("vm/", document.baseURI).href;
  const keeper = new ChapterKeeper({
    vmBase,
    // Not on a connection the learner asked to spare (Save-Data): a chapter is 130–335 MiB.
    env: () =>
      (navigator as { connection?: { saveData?: boolean } }).connection?.saveData
        ? null
        : browserPackEnvironment(),
    loadManifest: () => fetchOfflineManifest(vmBase),
    whenIdle: guestIdleWaiter(() => app.session.runtime),
  });
  keepChaptersOffline(keeper, () =>
    app.sandbox.ready ? (app.lessons.current?.chapter ?? null) : null,
  );
}
// For end-to-end tests: the live state behind the page, in builds made with
// VITE_EXPOSE_APP=1 only. Elsewhere any script of this origin could drive the
// sandbox through it.
if (import.meta.env.VITE_EXPOSE_APP === "1") (globalThis as { app?: AppState }).app = app;

mount(App, { target: document.getElementById("app")!, props: { app } });

/** A URL parameter's value as a URL against this page, or null when it is not one. */
function urlOrNull(text: string): URL | null {
  try {
    return new URL(text, location.href);
  } catch {
    return null;
  }
}
