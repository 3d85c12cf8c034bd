import { DockerApiError } from "../runtime/docker/DockerClient.ts";

/**
 * The daemon's answer, or null when it says 404 (no such image, container,
 * network or volume). A missing object is a fact to judge, not an error;
 * any other failure (daemon down, abort) still rejects.
 */
export async function ifExists<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof DockerApiError && error.status === 404) return null;
    throw error;
  }
}
