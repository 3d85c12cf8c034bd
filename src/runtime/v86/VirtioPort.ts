import type { Unsubscribe } from "../ByteStream.ts";
import type { PortIO } from "../control/ControlChannel.ts";
import type { V86Like } from "./emulator.ts";

/** A virtio-console port of an emulator as the control channel's transport. */
export function virtioPort(emulator: V86Like, port: number): PortIO {
  return {
    send(bytes: Uint8Array): void {
      emulator.bus.send(`virtio-console${port}-input-bytes`, bytes);
    },
    onReceive(listener: (bytes: Uint8Array) => void): Unsubscribe {
      const event = `virtio-console${port}-output-bytes`;
      const fn = listener as (value: never) => void;
      emulator.add_listener(event, fn);
      return () => emulator.remove_listener(event, fn);
    },
  };
}
