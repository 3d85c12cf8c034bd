import type { CheckStep } from "../../content/lesson.ts";

/**
 * What "Show me" asks before it acts, or null when it acts at once. In a
 * lesson it asks only when it would replace the learner's files; in a
 * challenge it always asks, since it gives the answer away, and says what it
 * will do (write files, type commands).
 */
export function showMeQuestion(
  step: Pick<CheckStep, "solution" | "solutionFiles">,
  challenge: boolean,
): string | null {
  const files = step.solutionFiles.join(", ");
  if (challenge) {
    const acts = [
      files && `writes ${files} from the solution into your workspace (your version is replaced)`,
      step.solution && "types the solution commands into the terminal",
    ].filter(Boolean);
    return (
      "This reveals the answer to this step of the challenge: it " +
      `${acts.join(" and ")}. Show the answer?`
    );
  }
  if (!files) return null;
  const commands = step.solution ? " and types the solution commands into the terminal" : "";
  return (
    `This writes ${files} from the solution into your workspace (your version is replaced)` +
    `${commands}. Continue?`
  );
}
