import { describe, expect, it } from "vitest";
import type { V86TcpConnection } from "../../../src/runtime/v86/emulator.ts";
import { keepDataOfFinSegments } from "../../../src/runtime/v86/TcpStream.ts";

/** Mimics v86 0.5.462's TCPConnection.process: a FIN segment's payload is dropped. */
function v86LikeConnection() {
  const received: string[] = [];
  const conn = {
    ack: 100,
    state: "established",
    process(packet: { tcp: { fin?: boolean; seq: number }; tcp_data?: Uint8Array }) {
      if (packet.tcp.fin) {
        conn.ack++;
        return;
      }
      if (packet.tcp_data?.length && packet.tcp.seq === conn.ack) {
        conn.ack += packet.tcp_data.length;
        received.push(new TextDecoder().decode(packet.tcp_data));
      }
    },
  };
  return { conn: conn as unknown as V86TcpConnection, received };
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe("keepDataOfFinSegments", () => {
  it("delivers the payload of a segment that also carries FIN and acknowledges it", () => {
    const { conn, received } = v86LikeConnection();
    const delivered: string[] = [];
    keepDataOfFinSegments(conn, (d) => delivered.push(new TextDecoder().decode(d)));
    conn.process({ tcp: { seq: 100 }, tcp_data: bytes("head ") });
    conn.process({ tcp: { seq: 105, fin: true }, tcp_data: bytes("body") });
    expect([...received, ...delivered].join("")).toBe("head body");
    expect(conn.ack).toBe(100 + 5 + 4 + 1); // data + FIN
  });

  it("leaves out-of-order and empty FIN segments to v86", () => {
    const { conn } = v86LikeConnection();
    const delivered: Uint8Array[] = [];
    keepDataOfFinSegments(conn, (d) => delivered.push(d));
    conn.process({ tcp: { seq: 90, fin: true }, tcp_data: bytes("stale") });
    conn.process({ tcp: { seq: 101, fin: true } });
    expect(delivered).toHaveLength(0);
  });
});
