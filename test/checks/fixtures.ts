import { readFileSync } from "node:fs";
import type {
  ContainerInspect,
  ContainerSummary,
  ImageHistoryItem,
  ImageInspect,
  Network,
  Volume,
} from "../../src/runtime/docker/types.ts";

/**
 * Recorded Engine API v1.41 answers (Docker 20.10) for a small scene:
 * alpine:3.19; hello:v1 built FROM it (5 layers, 3 of them RUN steps, a
 * shell-form CMD); container "web" from hello:v1 (-p 8080:80, -v data:/data,
 * a read-only bind mount, --tmpfs /tmp, on network appnet), running and
 * after exiting with code 1; a second, unnamed container from hello:v1.
 */
function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8")) as T;
}

/** A fresh copy per call, so a test can change one without affecting others. */
export const fixtures = {
  alpine: () => load<ImageInspect>("image-alpine.json"),
  hello: () => load<ImageInspect>("image-hello.json"),
  helloHistory: () => load<ImageHistoryItem[]>("history-hello.json"),
  webRunning: () => load<ContainerInspect>("container-web-running.json"),
  webExited: () => load<ContainerInspect>("container-web-exited.json"),
  quirkyHopper: () => load<ContainerInspect>("container-quirky-hopper.json"),
  containersFromHello: () => load<ContainerSummary[]>("containers-ancestor-hello.json"),
  containersUsingData: () => load<ContainerSummary[]>("containers-volume-data.json"),
  appnet: () => load<Network>("network-appnet.json"),
  dataVolume: () => load<Volume>("volume-data.json"),
};
