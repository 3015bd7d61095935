import dgram from 'node:dgram';
import net from 'node:net';
import { type ReceiverHandle, type SinkOptions, normaliseAddress } from './common';
import { decodeMessage } from './decode';

/** Syslog over UDP (RFC 5426): one datagram, one message. */
export async function startUdpReceiver(opts: SinkOptions & { host: string; port: number }): Promise<ReceiverHandle> {
  const max = opts.maxMessageBytes ?? 64 * 1024;
  const socket = dgram.createSocket({ type: net.isIPv6(opts.host) ? 'udp6' : 'udp4', reuseAddr: false });
  socket.on('message', (buf, rinfo) => {
    let bytes = buf;
    let end = bytes.length;
    while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d || bytes[end - 1] === 0x00)) end--;
    const truncated = end > max;
    bytes = bytes.subarray(0, Math.min(end, max));
    const { text, rawBase64 } = decodeMessage(bytes);
    opts.submit({ text, rawBase64, sender: normaliseAddress(rinfo.address), receivedAt: new Date(), truncated });
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(opts.port, opts.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  // Bursts arrive faster than one event-loop turn; a larger kernel buffer loses fewer datagrams.
  try {
    socket.setRecvBufferSize(8 * 1024 * 1024);
  } catch {
    // Not permitted above net.core.rmem_max: keep the default.
  }
  socket.on('error', () => undefined);
  return {
    kind: 'syslog-udp',
    host: opts.host,
    port: socket.address().port,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
