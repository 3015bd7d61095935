import { type ChildProcess, execFile, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';
import { fixture, octet, sendTcp, sendUdp, waitFor } from './threats-harness';

// Loopback ports 5550-5559.
const UDP = 5550;
const TCP = 5551;
const HEC = 5552;
const bin = path.resolve(__dirname, '../../../bin/routewise.mjs');
const exec = promisify(execFile);

describe('routewise threats: listen in one process, list and forward from others', () => {
  let tmp: { dir: string; cleanup: () => void };
  let listener: ChildProcess;
  let out = '';
  const cli = (...args: string[]) =>
    exec(process.execPath, [bin, '--data-dir', tmp.dir, ...args], { env: { ...process.env, ROUTEWISE_MASTER_KEY: undefined }, timeout: 60_000 });

  beforeAll(async () => {
    tmp = makeTempDir();
    listener = spawn(process.execPath, [bin, '--data-dir', tmp.dir, '--json', 'threats', 'listen', '--syslog-udp', String(UDP), '--syslog-tcp', String(TCP)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    listener.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    listener.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    await waitFor('the listener to bind', () => out.includes('"listening"'), 60_000);
  }, 90_000);

  afterAll(async () => {
    if (listener.exitCode === null) {
      const exited = new Promise((r) => listener.once('exit', r));
      listener.kill('SIGTERM');
      await exited;
    }
    tmp?.cleanup();
  });

  it('prints the receivers as JSON, then each insight as one JSON line', async () => {
    const first = JSON.parse(out.split('\n')[0] as string) as { listening: Array<{ kind: string; port: number }> };
    expect(first.listening).toEqual([
      { kind: 'syslog-udp', host: '127.0.0.1', port: UDP },
      { kind: 'syslog-tcp', host: '127.0.0.1', port: TCP },
    ]);
    await sendUdp(UDP, [fixture('suricata-eve/alert-trojan-cnc.txt')]);
    await waitFor('the feed line', () => out.includes('ET MALWARE BTGrab.com Spyware Downloading Ads'));
    const line = out.split('\n').find((l) => l.includes('BTGrab'));
    expect(JSON.parse(line as string)).toMatchObject({ insight: { format: 'suricata-eve', category: 'malware' } });
  });

  it('threats list --json in a second process shows what the running listener stored', async () => {
    await sendTcp(TCP, [octet(fixture('junos/secintel-cc.txt')), octet(fixture('mikrotik/input-ssh-brute.txt'))]);
    const listed = await waitFor('list to show both', async () => {
      const { stdout } = await cli('threats', 'list', '--since', '1h', '--json');
      const parsed = JSON.parse(stdout) as { insights: Array<Record<string, unknown>> };
      return parsed.insights.length >= 3 ? parsed : undefined;
    }, 60_000);
    const cc = listed.insights.find((i) => i.format === 'junos-atp');
    for (const key of ['id', 'time', 'deviceAddress', 'severity', 'confidence', 'category', 'signature', 'srcIp', 'srcPort', 'dstIp', 'dstPort', 'technique', 'action', 'format', 'raw']) {
      expect(cc, key).toHaveProperty(key);
    }
    expect(cc).toMatchObject({ deviceAddress: '127.0.0.1', category: 'botnet-c2', srcIp: '10.0.0.33', dstPort: 443, technique: 'T1071', action: 'blocked' });
    expect(listed.insights.find((i) => i.format === 'mikrotik')).toMatchObject({ category: 'brute-force', technique: 'T1110.001' });
  }, 90_000);

  it('threats explain gives the plain-language playbook for an insight', async () => {
    const { stdout } = await cli('threats', 'list', '--json', '--format', 'mikrotik');
    const id = (JSON.parse(stdout) as { insights: Array<{ id: string }> }).insights[0]?.id as string;
    const explained = await cli('threats', 'explain', id);
    expect(explained.stdout).toContain('Someone is guessing passwords');
    expect(explained.stdout).toContain('T1110.001 Brute Force: Password Guessing');
  }, 60_000);

  it('threats forward --drain delivers the stored insights to a HEC target and exits', async () => {
    const got: string[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        for (const l of body.split('\n').filter(Boolean)) got.push((JSON.parse(l) as { fields: { insight_id: string } }).fields.insight_id);
        res.writeHead(200).end('{"text":"Success","code":0}');
      });
    });
    await new Promise<void>((r) => server.listen(HEC, '127.0.0.1', r));
    try {
      const { stdout } = await cli('--json', 'threats', 'forward', '--to', `http://127.0.0.1:${HEC}`, '--format', 'hec', '--drain');
      const status = JSON.parse(stdout) as { backlog: number; delivered: number };
      expect(status.backlog).toBe(0);
      const { stdout: listed } = await cli('threats', 'list', '--json');
      const ids = (JSON.parse(listed) as { insights: Array<{ id: string }> }).insights.map((i) => i.id);
      expect(new Set(got)).toEqual(new Set(ids));
      expect(status.delivered).toBe(ids.length);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  }, 90_000);

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => listener.once('exit', (code) => r(code)));
    listener.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
