import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Waiver } from '../../../shared/api/compliance';
import type { Platform } from '../../../shared/domain/device';
import type { DeviceInput } from '../../../electron/engine/compliance/evaluate/device-input';
import { driftFindings } from '../../../electron/engine/compliance/evaluate/drift';
import { evaluateDevice } from '../../../electron/engine/compliance/evaluate/evaluator';
import { parseConfig } from '../../../electron/engine/compliance/parse/parse-config';
import { redactText } from '../../../electron/engine/compliance/redact';
import { comparePacks, loadPackFile, loadPackText } from '../../../electron/engine/compliance/rules/rule-pack';

const root = path.resolve(import.meta.dirname, '../../..');
const fixture = (p: string) => readFileSync(path.join(root, 'test/fixtures/configs', p), 'utf8');
const pack = loadPackFile(path.join(root, 'rules/core.yaml'));

function device(platform: Platform, file: string, extra: Partial<DeviceInput> = {}): DeviceInput {
  return { deviceId: file, name: file, platform, facts: {}, configs: { running: { text: fixture(file), source: 'fixture' } }, ...extra };
}
function results(d: DeviceInput, waivers: Waiver[] = [], now = new Date('2024-06-01T00:00:00Z')): Map<string, Finding> {
  return new Map(evaluateDevice(d, pack, { waivers, now, drift: false }).map((f) => [f.ruleId, f]));
}
/** Every config evidence line must be the line of that number in the file (modulo redaction). */
function expectLinesReal(f: Finding, file: string): void {
  const lines = fixture(file).split('\n');
  for (const e of f.evidence) {
    if (e.kind !== 'config') continue;
    const own = e.text.split(' > ').at(-1)!.split('<redacted>')[0]!.trim();
    expect(lines[e.line - 1]!.trim().startsWith(own.replace(/^(set|deactivate) /, '').split(' ')[0]!) || lines[e.line - 1]!.includes(own.split(' ').at(-1)!)).toBe(true);
  }
}

describe('config parsers keep line numbers and structure', () => {
  it('IOS-style: children under their block, banner bodies are not commands', () => {
    const cfg = parseConfig('ios', 'hostname a\nbanner motd ^C\nip http server\n^C\nline vty 0 4\n transport input telnet\n!\nend\n')!;
    expect(cfg.roots.map((n) => n.text)).toEqual(['hostname a', 'banner motd ^C', 'line vty 0 4']);
    expect(cfg.roots[1]!.children.map((n) => n.text)).toEqual(['ip http server']);
    expect(cfg.roots[2]!.children[0]).toMatchObject({ text: 'transport input telnet', line: 6 });
  });
  it('Junos curly form flattens to set statements with the leaf line number', () => {
    const cfg = parseConfig('junos', fixture('junos/srx-curly-hardened.txt'))!;
    const ciphers = cfg.all.filter((n) => n.text.startsWith('set system services ssh ciphers'));
    expect(ciphers.map((n) => n.text)).toEqual(['set system services ssh ciphers aes256-ctr', 'set system services ssh ciphers aes192-ctr', 'set system services ssh ciphers aes128-ctr']);
    const lineNo = fixture('junos/srx-curly-hardened.txt').split('\n').findIndex((l) => l.includes('ciphers [')) + 1;
    expect(ciphers[0]!.line).toBe(lineNo);
  });
  it('FortiOS nested config/edit/next/end and RouterOS continuation lines', () => {
    const f = parseConfig('fortios', fixture('fortios/fgt-hardened.txt'))!;
    const auth = f.all.find((n) => n.text === 'set authentication enable')!;
    expect([auth.parent?.text, auth.parent?.parent?.text, auth.parent?.parent?.parent?.text]).toEqual(['edit 1', 'config ntpserver', 'config system ntp']);
    const r = parseConfig('routeros', fixture('routeros/ccr-v7-hardened.txt'))!;
    const add = r.all.find((n) => n.text.startsWith('add addresses=192.0.2.0/24'))!;
    expect(add.text).toContain('security=private');
    expect(add.parent?.text).toBe('/snmp community');
  });
});

describe('core rule pack on real configs', () => {
  it('lab IOS-XE (dist1): v2c community, no AAA, telnet off — with the exact config lines', () => {
    const r = results(device('iosxe', 'iosxe/lab-dist1.txt', { credentialKinds: ['snmp-v2c'] }));
    expect(r.get('RW-TELNET-OFF')!.status).toBe('pass');
    const snmp = r.get('RW-SNMP-NO-V1V2C')!;
    expect(snmp.status).toBe('fail');
    expect(snmp.evidence).toContainEqual({ kind: 'fact', field: 'snmpCredentialKinds', value: 'snmp-v2c' });
    const line = snmp.evidence.find((e) => e.kind === 'config');
    expect(line).toMatchObject({ kind: 'config', source: 'running', text: 'snmp-server community <redacted> RO' });
    expect(fixture('iosxe/lab-dist1.txt').split('\n')[(line as { line: number }).line - 1]).toBe('snmp-server community routewise-lab RO');
    expect(r.get('RW-AAA')!.status).toBe('fail');
    expect(r.get('RW-PASSWORD-ENCRYPTION')!.status).toBe('pass');
    expectLinesReal(r.get('RW-IDLE-TIMEOUT')!, 'iosxe/lab-dist1.txt');
  });
  // The 1.0 baseline; rules added in 1.1 are held to the fully hardened fixtures in rule-pack-coverage.test.ts.
  const BASELINE_1_0 = new Set(['RW-TELNET-OFF', 'RW-SSH-V2', 'RW-SSH-CIPHERS', 'RW-SNMP-NO-V1V2C', 'RW-SNMP-DEFAULT-COMMUNITY', 'RW-SNMP-RW', 'RW-SNMPV3-AUTHPRIV', 'RW-AAA', 'RW-PASSWORD-ENCRYPTION', 'RW-IDLE-TIMEOUT', 'RW-LOGIN-BANNER', 'RW-NTP-AUTH', 'RW-SYSLOG-COLLECTOR', 'RW-LOG-TIMESTAMPS', 'RW-HTTP-OFF', 'RW-UNUSED-SERVICES', 'RW-VTY-ACL', 'RW-AI-DATA-SHARING']);
  it('hardened configs pass the 1.0 baseline on every platform that has one', () => {
    for (const [platform, file] of [['iosxe', 'iosxe/hardened-c9300.txt'], ['junos', 'junos/srx-curly-hardened.txt'], ['eos', 'eos/hardened-7280.txt'], ['nxos', 'nxos/n9k-hardened.txt'], ['fortios', 'fortios/fgt-hardened.txt'], ['routeros', 'routeros/ccr-v7-hardened.txt']] as const) {
      const r = results(device(platform, file, { credentialKinds: ['snmp-v3', 'ssh'] }));
      const failed = [...r.values()].filter((f) => f.status === 'fail' || f.status === 'error').map((f) => f.ruleId);
      expect(failed.filter((id) => BASELINE_1_0.has(id)), `${file}`).toEqual([]);
    }
  });
  it('legacy IOS fails telnet, default/RW communities, cleartext passwords and exec-timeout 0', () => {
    const r = results(device('ios', 'ios/legacy-c2960.txt'));
    for (const id of ['RW-TELNET-OFF', 'RW-SNMP-DEFAULT-COMMUNITY', 'RW-SNMP-RW', 'RW-PASSWORD-ENCRYPTION', 'RW-IDLE-TIMEOUT', 'RW-HTTP-OFF', 'RW-UNUSED-SERVICES']) expect(r.get(id)!.status, id).toBe('fail');
    const pw = r.get('RW-PASSWORD-ENCRYPTION')!;
    expect(pw.evidence.map((e) => (e.kind === 'config' ? e.text : ''))).toContain('enable password <redacted>');
    expect(JSON.stringify(pw)).not.toContain('cisco123');
    expect(r.get('RW-IDLE-TIMEOUT')!.evidence.some((e) => e.kind === 'config' && e.text === 'line con 0 > exec-timeout 0 0')).toBe(true);
  });
  it('lab RouterOS: services RouterOS enables by default fail; ASA telnet line fails', () => {
    const r = results(device('routeros', 'routeros/lab-acc3.txt'));
    expect(r.get('RW-TELNET-OFF')!.status).toBe('fail');
    expect(r.get('RW-SNMP-DEFAULT-COMMUNITY')!.status).toBe('fail');
    const asa = results(device('asa', 'asa/asa5516-edge.txt'));
    expect(asa.get('RW-TELNET-OFF')!.evidence[0]).toMatchObject({ kind: 'config', text: 'telnet 192.0.2.0 255.255.255.0 inside' });
    expect(asa.get('RW-IDLE-TIMEOUT')!.evidence[0]).toMatchObject({ text: 'ssh timeout 30' });
  });
  it('AI data sharing applies to AI-capable devices only, and reads the config', () => {
    const ai = { capable: true, features: ['cloud-ai-service' as const], evidence: [], catalogVersion: 't' };
    const junos = results(device('junos', 'junos/srx-curly-hardened.txt', { ai }));
    expect(junos.get('RW-AI-DATA-SHARING')!.status).toBe('fail');
    expect(junos.get('RW-AI-DATA-SHARING')!.evidence[0]).toMatchObject({ text: expect.stringContaining('set services advanced-anti-malware connection url') });
    expect(results(device('junos', 'junos/srx-curly-hardened.txt')).get('RW-AI-DATA-SHARING')!.status).toBe('not-applicable');
    expect(results(device('fortios', 'fortios/fgt-hardened.txt', { ai })).get('RW-AI-DATA-SHARING')!.status).toBe('fail');
    expect(results(device('fortios', 'fortios/lab-edge-fw1.txt', { ai })).get('RW-AI-DATA-SHARING')!.status).toBe('pass');
  });
  it('firmware on the supported list uses version ranges', () => {
    const ok = results(device('iosxe', 'iosxe/lab-dist1.txt', { facts: { osVersion: '17.9.4a' } }));
    const old = results(device('iosxe', 'iosxe/lab-dist1.txt', { facts: { osVersion: '16.9.8' } }));
    const unknown = results(device('iosxe', 'iosxe/lab-dist1.txt'));
    expect([ok.get('RW-FIRMWARE-SUPPORTED')!.status, old.get('RW-FIRMWARE-SUPPORTED')!.status, unknown.get('RW-FIRMWARE-SUPPORTED')!.status]).toEqual(['pass', 'fail', 'error']);
  });
  it('a device without a running config gets error findings, not passes', () => {
    const r = results({ deviceId: 'x', name: 'x', platform: 'iosxe', facts: {}, configs: {} });
    expect(r.get('RW-TELNET-OFF')!.status).toBe('error');
    expect(r.get('RW-TELNET-OFF')!.message).toMatch(/no running configuration/);
  });
});

describe('waivers', () => {
  const d = device('iosxe', 'iosxe/lab-dist1.txt');
  const w: Waiver = { id: 'wv-1', ruleId: 'RW-AAA', deviceId: d.deviceId, reason: 'TACACS+ rollout in Q3', owner: 'netops', expiresAt: '2024-07-01T00:00:00Z', createdAt: '2024-05-01T00:00:00Z', createdBy: 't' };
  it('an unexpired waiver covers the failure; an expired one stops applying', () => {
    expect(results(d, [w], new Date('2024-06-30T23:59:59Z')).get('RW-AAA')!.waiver?.id).toBe('wv-1');
    expect(results(d, [w], new Date('2024-07-01T00:00:00Z')).get('RW-AAA')!.waiver).toBeUndefined();
    expect(results(d, [{ ...w, deviceId: '*' }]).get('RW-AAA')!.waiver?.id).toBe('wv-1');
    expect(results(d, [w]).get('RW-TELNET-OFF')!.waiver).toBeUndefined();
  });
});

describe('drift', () => {
  it('startup vs running and running vs approved name the changed statements with line numbers', () => {
    const running = fixture('iosxe/lab-dist1.txt');
    const startup = running.replace('snmp-server community routewise-lab RO\n', '').replace('line vty 0 15\n transport input ssh', 'line vty 0 15\n transport input ssh telnet');
    const f = driftFindings({ deviceId: 'd', name: 'd', platform: 'iosxe', facts: {}, configs: { running: { text: running, source: 't' }, startup: { text: startup, source: 't' }, approved: { text: `${running}\n!\n`, source: 't' } } });
    const s = f.find((x) => x.ruleId === 'DRIFT-STARTUP')!;
    expect(s.status).toBe('fail');
    expect(s.evidence).toContainEqual(expect.objectContaining({ change: 'added', source: 'running', text: 'snmp-server community <redacted> RO' }));
    expect(s.evidence).toContainEqual(expect.objectContaining({ change: 'removed', source: 'startup', text: 'line vty 0 15 > transport input ssh telnet' }));
    expect(f.find((x) => x.ruleId === 'DRIFT-APPROVED')!.status).toBe('pass');
  });
});

describe('rule pack versioning', () => {
  const text = readFileSync(path.join(root, 'rules/core.yaml'), 'utf8');
  it('hash is over canonical content: comments and formatting do not change it, a weakened rule does', () => {
    const same = loadPackText(`# reformatted\n${text.replace(/\n\n/g, '\n')}`, 'x');
    expect(same.hash).toBe(pack.hash);
    const weakened = loadPackText(text.replace("op: lte, value: 10, missing: pass", "op: lte, value: 60, missing: pass"), 'x');
    expect(weakened.hash).not.toBe(pack.hash);
    const change = comparePacks({ hash: pack.hash, version: pack.pack.version, ruleHashes: pack.ruleHashes }, weakened);
    expect(change).toMatchObject({ changed: true, sameVersion: true, modifiedRules: ['RW-IDLE-TIMEOUT'] });
    const bumped = loadPackText(text.replace(/^version: .*$/m, 'version: 9.9.9'), 'x');
    expect(comparePacks({ hash: pack.hash, version: pack.pack.version, ruleHashes: pack.ruleHashes }, bumped)).toMatchObject({ changed: true, sameVersion: false });
  });
  it('rejects invalid rules with the field named', () => {
    expect(() => loadPackText(text.replace('nist-800-53: [AC-8]', 'nist-800-53: [AC8]'), 'bad.yaml')).toThrow(/invalid/);
  });
});

describe('redaction', () => {
  it('removes communities, passwords, keys and PSKs on every platform', () => {
    const text = [
      'snmp-server community s3cret-comm RO',
      'snmp-server host 192.0.2.1 version 2c trapcomm',
      'snmp-server user nms NMS v3 auth sha AuthPass1 priv aes 128 PrivPass1',
      'username admin privilege 15 secret 9 $9$hash',
      'enable password cisco123',
      ' key 7 0822455D0A16544541',
      'ntp authentication-key 1 md5 NtpKey1 7',
      'crypto isakmp key PskValue1 address 0.0.0.0',
      'set snmp community junoscomm authorization read-only',
      'set system root-authentication encrypted-password "$6$abc"',
      '/snmp community',
      'add addresses=10.0.0.0/8 name=roscomm',
      '/user add name=x password=RosPass1',
      'config system snmp community',
      '    edit 1',
      '        set name "fortiComm"',
      '    set psksecret ENC FortiPsk1',
      '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----',
    ].join('\n');
    const out = redactText(text);
    for (const secret of ['s3cret-comm', 'trapcomm', 'AuthPass1', 'PrivPass1', '$9$hash', 'cisco123', '0822455D0A16544541', 'NtpKey1', 'PskValue1', 'junoscomm', '$6$abc', 'roscomm', 'RosPass1', 'fortiComm', 'FortiPsk1', 'MIIEpAIBAAKCAQEA']) {
      expect(out, secret).not.toContain(secret);
    }
    expect(out).toContain('snmp-server community <redacted> RO');
    expect(out).toContain('crypto isakmp key <redacted> address 0.0.0.0');
  });
});
