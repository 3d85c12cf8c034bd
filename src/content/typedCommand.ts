/**
 * Commands a lesson types into the learner's terminal (Run buttons, the
 * solution that "Show me" types) are read by the learner first, so they must
 * be typed as shown. A control character is not shown but acted on: DEL or
 * Ctrl-U erase what came before, ESC starts a key sequence, CR presses Enter.
 * The command readline then runs differs from the one on screen.
 */

// C0 controls and DEL, except tab and newline, which commands are made of.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;

/** A control character found in a command. */
export interface ControlCharacter {
  /** The 1-based line of the command it is on. */
  line: number;
  /** Why it is refused, naming it, e.g. "holds the control character U+007F, which …". */
  problem: string;
}

/** The first control character of `command` a terminal would act on, or null when there is none. */
export function findControlCharacter(command: string): ControlCharacter | null {
  const found = CONTROL.exec(command);
  if (!found) return null;
  const code = (found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
  return {
    line: command.slice(0, found.index).split("\n").length,
    problem:
      `holds the control character U+${code}, which a terminal acts on without showing it, ` +
      "so what runs would differ from what the learner reads: remove it",
  };
}
