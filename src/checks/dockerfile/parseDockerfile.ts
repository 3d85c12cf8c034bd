import { DockerfileParser } from "dockerfile-ast";
import { lendNodeBuffer } from "./lendNodeBuffer.ts";

/** One instruction of a Dockerfile, as the builder sees it. */
export interface DockerfileInstruction {
  /** Upper-case keyword, e.g. "RUN" (Dockerfiles may write "run"). */
  keyword: string;
  /**
   * Arguments as written, flags included (`--from=build /app /app`), with
   * line continuations joined; a heredoc's body is part of them.
   */
  args: string;
  /**
   * "exec" when the arguments (after any --flags) are a JSON array of
   * strings, as for CMD ["python", "app.py"]; otherwise "shell". The
   * builder makes the same distinction, for every instruction.
   */
  form: "exec" | "shell";
  /** The JSON array's strings, for the exec form. */
  argv?: string[];
  /** 1-based line the instruction starts on. */
  line: number;
}

/**
 * Parse a Dockerfile with dockerfile-ast, the parser behind the editor's
 * Dockerfile diagnostics, so checks and editor agree on what an instruction
 * is. It handles comments, parser directives (`# escape=`), line
 * continuations, case-insensitive keywords and heredocs (`RUN <<EOF … EOF`:
 * their bodies are never taken for instructions).
 */
export function parseDockerfile(text: string): DockerfileInstruction[] {
  const dockerfile = lendNodeBuffer(() => DockerfileParser.parse(text));
  const escape = dockerfile.getEscapeCharacter();
  const lines = text.split(/\r?\n/);
  return dockerfile.getInstructions().map((instruction) => {
    const raw = instruction.getRawArgumentsContent() ?? "";
    // dockerfile-ast leaves flags (--from, --chown, --mount, --platform) out
    // of its arguments; the text after the keyword keeps them.
    const written = slice(lines, instruction.getInstructionRange().end, instruction.getRange().end);
    const args = HEREDOC.test(raw)
      ? (instruction.getArgumentsContent() ?? "")
      : joinContinuations(written, escape);
    const argv = execFormArgv(args);
    return {
      keyword: instruction.getKeyword().toUpperCase(),
      args,
      form: argv ? "exec" : "shell",
      ...(argv ? { argv } : {}),
      line: instruction.getRange().start.line + 1,
    };
  });
}

interface Position {
  line: number;
  character: number;
}

/** The text between two positions (0-based lines and characters). */
function slice(lines: string[], from: Position, to: Position): string {
  if (from.line === to.line) return (lines[from.line] ?? "").slice(from.character, to.character);
  return [
    (lines[from.line] ?? "").slice(from.character),
    ...lines.slice(from.line + 1, to.line),
    (lines[to.line] ?? "").slice(0, to.character),
  ].join("\n");
}

/** `RUN <<EOF`, `COPY <<-"EOT" /dst`: a heredoc, whose body is kept verbatim. */
const HEREDOC = /^[^\n]*<<-?["']?[A-Za-z_]/;

/**
 * Arguments as the builder sees them: each escape + newline removed, and
 * comment lines and empty lines inside a continuation dropped (dockerfile-ast
 * keeps those comments in its arguments content).
 */
function joinContinuations(raw: string, escape: string): string {
  const lines = raw.split(/\r?\n/);
  return lines
    .filter(
      (line, index) => index === 0 || (line.trim() !== "" && !line.trimStart().startsWith("#")),
    )
    .map((line) => {
      const trimmed = line.trimEnd();
      return trimmed.endsWith(escape) ? trimmed.slice(0, -escape.length) : line;
    })
    .join("")
    .trim();
}

/** The strings of a JSON array after leading --flags (`COPY --chown=app ["a", "b"]`), else undefined. */
function execFormArgv(args: string): string[] | undefined {
  const json = args.replace(/^(\s*--\S+)*\s*/, "");
  if (!json.startsWith("[")) return undefined;
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === "string")
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}
