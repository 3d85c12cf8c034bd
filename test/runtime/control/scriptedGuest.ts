import type { PortIO } from "../../../src/runtime/control/ControlChannel.ts";
import { FrameDecoder, type Frame } from "../../../src/runtime/control/frame.ts";

/**
 * A control port whose guest side the test plays by hand: it sees the frames
 * the host sent and delivers whatever bytes the test chooses, malformed or not.
 */
export function scriptedGuest(): {
  port: PortIO;
  /** Frames the host sent so far, in order. */
  sent: Frame[];
  /** Deliver bytes to the host as one port event (one batch). */
  deliver(bytes: Uint8Array): void;
} {
  const decoder = new FrameDecoder();
  const sent: Frame[] = [];
  const listeners = new Set<(bytes: Uint8Array) => void>();
  return {
    port: {
      send: (bytes) => void sent.push(...decoder.push(bytes)),
      onReceive: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    },
    sent,
    deliver: (bytes) => listeners.forEach((l) => l(bytes)),
  };
}
