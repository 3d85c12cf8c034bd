import { describe, expect, it } from "vitest";
import { showMeQuestion } from "../../src/ui/lesson/showMeQuestion.ts";

const commands = { solution: "docker build -t web .", solutionFiles: [] };
const files = { solutionFiles: ["Dockerfile", ".dockerignore"] };
const both = { ...commands, ...files };

describe("showMeQuestion", () => {
  it("in a lesson, asks only before it replaces files, as before", () => {
    expect(showMeQuestion(commands, false)).toBeNull();
    expect(showMeQuestion(files, false)).toBe(
      "This writes Dockerfile, .dockerignore from the solution into your workspace (your version is replaced). Continue?",
    );
    expect(showMeQuestion(both, false)).toBe(
      "This writes Dockerfile, .dockerignore from the solution into your workspace (your version is replaced) and types the solution commands into the terminal. Continue?",
    );
  });

  it("in a challenge, always asks, says it reveals the answer and what it will do", () => {
    expect(showMeQuestion(commands, true)).toBe(
      "This reveals the answer to this step of the challenge: it types the solution commands into the terminal. Show the answer?",
    );
    expect(showMeQuestion(files, true)).toMatch(
      /^This reveals the answer .*: it writes Dockerfile, \.dockerignore from the solution into your workspace \(your version is replaced\)\. Show the answer\?$/,
    );
    expect(showMeQuestion(both, true)).toMatch(
      /reveals the answer.*writes Dockerfile.* and types the solution commands into the terminal\./,
    );
  });
});
