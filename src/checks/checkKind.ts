import type { z } from "zod";
import type { AssertionResult } from "./assertionResult.ts";
import type { Capability, CheckContext } from "./CheckContext.ts";

/** What can change a check's outcome, so a host re-runs it on those changes only. */
export interface RerunTriggers {
  /** Docker event types (`DockerEvent.Type`) that may change the outcome. */
  dockerEvents: string[];
  /** Workspace paths whose saves may change the outcome. */
  workspacePaths: string[];
}

/**
 * Everything about one kind of check, in one record: how authors write it,
 * what it is called, what re-runs it, what it needs from the host, how it
 * gathers its facts (the only I/O) and how it judges them (a pure function).
 * A kind lives in its own folder (src/checks/<kind>/) and is listed once, in
 * checkKinds.ts; nothing else names the kinds one by one.
 */
export interface CheckKind<S extends z.ZodObject = z.ZodObject, F = unknown> {
  /** The kind's fields, each with a description (authors read them in errors and docs). */
  schema: S;
  /** The title a check gets when it has no `title` of its own: "Image hello:v1". */
  title(check: z.output<S>): string;
  /** The Docker events and workspace saves that may change the outcome. */
  rerunTriggers(check: z.output<S>): RerunTriggers;
  /** The {@link CheckContext} members it uses, so a host can tell up front which checks it can run. */
  needs(check: z.output<S>): Capability[];
  /** Read what the judgement needs; rejects only when the facts cannot be had. */
  gather(check: z.output<S>, ctx: CheckContext, signal?: AbortSignal): Promise<F>;
  /** One result per assertion, failures included. */
  judge(check: z.output<S>, facts: F): AssertionResult[];
  /**
   * What the check runs in the sandbox by itself, in words a learner can
   * weigh before allowing a lesson from a link (lessonCommands.ts); absent
   * when it only reads.
   */
  runsInGuest?(check: z.output<S>): string;
}

/** Declare a check kind; the identity, so that TypeScript infers the check and facts types. */
export function defineCheckKind<S extends z.ZodObject, F>(kind: CheckKind<S, F>): CheckKind<S, F> {
  return kind;
}
