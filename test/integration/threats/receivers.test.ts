import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { fixture, makeCertificates, octet, sendTcp, sendUdp, startTestEngine, type TestEngine, waitFor } from './threats-harness';

// Ports 5510-5519 (this engineer's range); receivers bind 127.0.0.1 only.
const UDP = 5510;
const TCP = 5511;
const TLS = 5512;

const hasOpenssl = requireTool('openssl', 'openssl is needed to make the TLS test certificate');

describe.skipIf(!hasOpenssl)('syslog receivers: UDP, TCP, TLS and hostile input', () => {
  let t: TestEngine;
  let tmp: { dir: string; cleanup: () => void };
  let certs: { ca: string; cert: string; key: string };

  beforeAll(async () => {
    tmp = makeTempDir();
    certs = makeCertificates(tmp.dir);
    t = await startTestEngine(tmp.dir);
    const { receivers } = await t.api.call('threats.listen', {
      syslogUdp: { port: UDP },
      syslogTcp: { port: TCP },
      syslogTls: { port: TLS, certFile: certs.cert, keyFile: certs.key },
      rateLimit: { ratePerSec: 200, burst: 400 },
    });
    expect(receivers.map((r) => `${r.kind}:${r.port}`)).toEqual([`syslog-udp:${UDP}`, `syslog-tcp:${TCP}`, `syslog-tls:${TLS}`]);
  });
  afterAll(async () => {
    await t?.close();
    tmp?.cleanup();
  });

  const bySignature = async (sig: string) => {
    const { insights } = await t.api.call('threats.list', { limit: 1000 });
    return insights.find((i) => i.signature === sig);
  };

  it('stores vendor detections arriving over UDP, TCP (both framings) and TLS, with the sender as device', async () => {
    await sendUdp(UDP, [fixture('fortigate/ips-signature.txt')]);
    await sendTcp(TCP, [octet(fixture('junos/idp-attack-sd.txt')), `${fixture('iosxe-utd/ips-drop-trojan.txt')}\n`]);
    await sendTcp(TLS, [octet(fixture('panos/threat-vulnerability.txt'))], { tls: { ca: certs.ca } });
    const fg = await waitFor('fortigate over UDP', () => bySignature('Adobe.Flash.newfunction.Handling.Code.Execution'));
    const jn = await waitFor('junos over TCP', () => bySignature('HTTP:STC:DL:EOT-FILE'));
    const utd = await waitFor('UTD over TCP/LF', () => bySignature('BLACKLIST DNS request for known malware domain domai.ddns2.biz - Win.Trojan.Beebone'));
    const pan = await waitFor('PAN-OS over TLS', () => bySignature('Apache HTTP Server Path Traversal Vulnerability'));
    expect([fg.format, jn.format, utd.format, pan.format]).toEqual(['fortigate', 'junos-idp', 'iosxe-utd', 'panos-threat']);
    expect(pan).toMatchObject({ deviceAddress: '127.0.0.1', srcIp: '203.0.113.9', technique: 'T1190', action: 'blocked' });
  });

  it('emits threats.insight events after storing, so a live view can follow the feed', async () => {
    const seen: string[] = [];
    const off = t.api.on('threats.insight', (i) => seen.push(i.signature));
    try {
      await sendUdp(UDP, [fixture('cef/ips-with-labels.txt')]);
      await waitFor('the event', () => seen.includes('Anomalous DNS tunnelling behaviour'));
      const stored = await bySignature('Anomalous DNS tunnelling behaviour');
      expect(stored).toMatchObject({ model: 'dns-tunnel-lstm-v7', technique: 'T1071.004', category: 'data-exfiltration' });
    } finally {
      off();
    }
  });

  it('refuses to bind a non-loopback address unless allowRemote is set', async () => {
    await expect(t.api.call('threats.listen', { syslogUdp: { host: '0.0.0.0', port: 5519 } })).rejects.toMatchObject({ code: 'bad-request' });
    await expect(t.api.call('threats.listen', { syslogUdp: { host: 'not-an-ip', port: 5519 } })).rejects.toMatchObject({ code: 'bad-request' });
  });

  it('caps a 10 MB line without closing that connection, while another connection is served meanwhile', async () => {
    const big = await sendTcp(TCP, [], { keepOpen: true });
    const chunk = Buffer.alloc(1024 * 1024, 0x41);
    big.write('<13>huge ');
    for (let i = 0; i < 10; i++) {
      if (!big.write(chunk)) await new Promise((r) => big.once('drain', r));
      if (i === 4) await sendTcp(TCP, ['<13>Jan  1 00:00:00 other app: served during the flood\n']);
    }
    big.write('\n<13>Jan  1 00:00:00 big app: after the huge line\n');
    big.end();
    await waitFor('the other connection', () => bySignature('served during the flood'));
    await waitFor('the line after the huge one', () => bySignature('after the huge line'));
    const { insights } = await t.api.call('threats.list', { limit: 1000, format: 'unknown' });
    const huge = insights.find((i) => i.raw.startsWith('<13>huge '));
    expect(huge?.raw.length).toBe(64 * 1024);
    const stats = await t.api.call('threats.stats', {});
    expect(stats.counters.truncated).toBeGreaterThanOrEqual(1);
  });

  it('keeps a truncated octet-counted frame when the sender disconnects mid-frame', async () => {
    await sendTcp(TCP, ['500 <13>Jan  1 00:00:00 cut app: this frame never finishes']);
    const cut = await waitFor('the truncated frame', () => bySignature('this frame never finishes'));
    expect(cut.raw).toBe('<13>Jan  1 00:00:00 cut app: this frame never finishes');
  });

  it('stores invalid UTF-8 with replacement characters and keeps the original bytes', async () => {
    const bytes = Buffer.concat([Buffer.from('<13>Jan  1 00:00:00 h app: bad '), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(' bytes')]);
    await sendUdp(UDP, [bytes]);
    const bad = await waitFor('the invalid UTF-8 message', () => bySignature('bad \uFFFD\uFFFD\uFFFD bytes'));
    expect(Buffer.from(bad.rawBase64 ?? '', 'base64')).toEqual(bytes);
  });

  it('slows a TCP sender over its rate instead of dropping: every message lands, in order', async () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `<13>Jan  1 00:00:00 s app: paced ${String(i).padStart(4, '0')}\n`);
    await sendTcp(TCP, lines, { localAddress: '127.0.0.3' });
    const paced = await waitFor(
      'all 1000 paced messages',
      async () => {
        const { insights } = await t.api.call('threats.list', { limit: 100_000, deviceAddress: '127.0.0.3', afterSeq: 0 });
        return insights.length === 1000 ? insights : undefined;
      },
      30_000,
    );
    expect(paced.map((i) => i.signature)).toEqual(lines.map((l) => l.slice(l.indexOf('paced'), -1)));
    const stats = await t.api.call('threats.stats', {});
    // Burst 400 at 200/s: the connection was paused (each message that found the bucket empty counts once).
    expect(stats.throttledBySender['127.0.0.3']).toBeGreaterThan(0);
    expect(stats.throttledBySender['127.0.0.3']).toBeLessThanOrEqual(600);
  });

  it('throttles a flooding sender and still serves another one', async () => {
    const flood = Array.from({ length: 3000 }, (_, i) => `<13>Jan  1 00:00:00 f app: flood ${i}`);
    const flooding = sendUdp(UDP, flood, '127.0.0.1');
    const others = Array.from({ length: 20 }, (_, i) => `<13>Jan  1 00:00:00 o app: polite ${i}\n`);
    await sendTcp(TCP, others, { localAddress: '127.0.0.2' });
    await flooding;
    await waitFor('all 20 polite messages', async () => {
      const { insights } = await t.api.call('threats.list', { limit: 100_000, deviceAddress: '127.0.0.2' });
      return insights.filter((i) => i.signature.startsWith('polite ')).length === 20;
    });
    const stats = await waitFor('throttle counts', async () => {
      const s = await t.api.call('threats.stats', {});
      // The per-sender view is live; the persistent counter lands with the next batch write.
      return (s.throttledBySender['127.0.0.1'] ?? 0) > 0 && (s.counters.throttled ?? 0) > 0 ? s : undefined;
    });
    expect(stats.throttledBySender['127.0.0.2']).toBeUndefined();
    expect(stats.counters.throttled).toBeGreaterThan(0);
  });
});
