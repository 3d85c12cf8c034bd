import type { ByteStream } from "../ByteStream.ts";
import { abortError } from "../bytes.ts";
import { SinkStream } from "../SinkStream.ts";
import type { V86Like, V86TcpConnection } from "./emulator.ts";

/**
 * Open a TCP connection from the host into the guest through v86's fake
 * network (the guest sees it coming from the router, 192.168.86.1). Rejects
 * if the guest refuses (RST) or does not answer within `timeoutMs` (default
 * 10 s; v86 never answers at all when the guest's NIC is down).
 */
export function openTcp(
  emulator: V86Like,
  port: number,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<ByteStream> {
  const adapter = emulator.network_adapter;
  if (!adapter) return Promise.reject(new Error("the VM has no network adapter"));
  const { signal, timeoutMs = 10_000 } = options;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const conn = adapter.connect(port);
    keepDataOfFinSegments(conn, (data) => stream.deliver(data));
    const stream = new SinkStream({
      write: (data) => conn.write(data),
      end: () => conn.close(), // FIN; the guest may still answer
      close: () => conn.close(),
    });
    let settled = false;
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      if (err) {
        stream.close();
        reject(err);
      } else {
        resolve(stream);
      }
    };
    const onAbort = () => settle(abortError(signal));
    const timer = setTimeout(
      () =>
        settle(
          new Error(
            `connection to guest port ${port} timed out after ${timeoutMs} ms (is the guest network up?)`,
          ),
        ),
      timeoutMs,
    );
    signal?.addEventListener("abort", onAbort, { once: true });
    conn.on("connect", () => settle());
    conn.on("data", (data) => stream.deliver(data.slice())); // v86 reuses its packet buffer
    conn.on("shutdown", () => stream.finish());
    conn.on("close", () => {
      settle(new Error(`connection refused: nothing listens on guest port ${port}`));
      stream.finish();
    });
  });
}

/**
 * v86's fake TCP drops the payload of a segment that also carries FIN (a
 * server that writes its last bytes and closes at once often sends exactly
 * that: busybox httpd did, and the HTTP body vanished). Deliver the payload
 * and advance the expected sequence number as for a data segment; v86 then
 * handles the FIN as usual.
 */
export function keepDataOfFinSegments(
  conn: V86TcpConnection,
  deliver: (data: Uint8Array) => void,
): void {
  const process = conn.process.bind(conn);
  conn.process = (packet) => {
    const data = packet.tcp_data;
    if (packet.tcp.fin && data?.length && packet.tcp.seq === conn.ack) {
      deliver(data.slice());
      conn.ack += data.length;
    }
    process(packet);
  };
}
