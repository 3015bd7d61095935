import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { csafOrNvd } from '../../../electron/engine/compliance/advisories/detect';
import { matchAdvisories } from '../../../electron/engine/compliance/advisories/match-advisories';
import { compareVersions, parseRange } from '../../../electron/engine/compliance/advisories/version-range';

const fx = (f: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', f), 'utf8');

describe('vendor version ordering', () => {
  it.each([
    ['17.9.4a', '17.9.4', 1],
    ['17.9.10', '17.9.9', 1],
    ['17.10.1', '17.9.4a', 1],
    ['21.4R3-S5', '21.4R3', 1],
    ['21.4R3-S5', '21.4R3-S6', -1],
    ['22.4R1', '21.4R3-S6', 1],
    ['15.2(7)E8', '15.2(7)E4', 1],
    ['4.30.1F', '4.28.3M', 1],
    ['7.2.8', '7.2.8', 0],
  ] as const)('%s vs %s', (a, b, want) => {
    expect(Math.sign(compareVersions(a, b))).toBe(want);
    expect(Math.sign(compareVersions(b, a)) + 0).toBe(-want + 0);
  });
  it('vers ranges: intervals, pins, exclusions and open bounds', () => {
    const r = parseRange('vers:generic/>=7.2.0|<7.2.7|>=7.4.0|<7.4.3|=6.4.15|!=7.4.1');
    expect(['7.2.0', '7.2.6', '7.4.0', '7.4.2', '6.4.15'].map(r)).toEqual([true, true, true, true, true]);
    expect(['7.2.7', '7.3.0', '7.4.3', '7.4.1', '6.4.14'].map(r)).toEqual([false, false, false, false, false]);
    expect(parseRange('vers:generic/<2.0')('1.9')).toBe(true);
    expect(parseRange('vers:generic/>=3.0')('2.9')).toBe(false);
    expect(parseRange('>=17.9.4 <17.10')('17.9.4a')).toBe(true);
    expect(parseRange('>=17.9.4 <17.10')('17.10.1')).toBe(false);
    expect(parseRange('*')('anything')).toBe(true);
  });
});

describe('advisory import and matching', () => {
  const inventory = [
    { deviceId: 'isr', deviceName: 'branch-isr', platform: 'iosxe' as const, version: '16.9.8' },
    { deviceId: 'c9300', deviceName: 'dist1', platform: 'iosxe' as const, version: '17.9.4a' },
    { deviceId: 'c9200', deviceName: 'acc9', platform: 'iosxe' as const, version: '17.9.3' },
    { deviceId: 'fgt', deviceName: 'edge-fw1', platform: 'fortios' as const, version: '7.4.2' },
    { deviceId: 'fgt2', deviceName: 'edge-fw2', platform: 'fortios' as const, version: '7.4.3' },
    { deviceId: 'ex', deviceName: 'dist2', platform: 'junos' as const, version: '21.4R3-S5' },
    { deviceId: 'mx', deviceName: 'core1', platform: 'junos' as const, version: '22.4R3-S2' },
    { deviceId: 'old', deviceName: 'nover', platform: 'junos' as const, version: undefined },
  ];
  it('NVD CVE JSON 2.0: exact CPE versions and versionStart/End ranges per platform', () => {
    const { format, advisories } = csafOrNvd(fx('nvd-cve-2.0-sample.json'));
    expect(format).toBe('nvd');
    expect(advisories.map((a) => [a.id, a.severity, a.cvssScore])).toEqual([['CVE-2023-20198', 'critical', 10], ['CVE-2024-21762', 'critical', 9.8]]);
    const m = matchAdvisories(advisories, inventory).map((x) => `${x.advisoryId}@${x.deviceId}`);
    expect(m.sort()).toEqual(['CVE-2023-20198@c9200', 'CVE-2023-20198@isr', 'CVE-2024-21762@fgt'].sort());
  });
  it('CSAF 2.0: product_version_range branches, known_affected and the fixed version', () => {
    const { format, advisories } = csafOrNvd(fx('csaf-2.0-junos-sample.json'));
    expect(format).toBe('csaf');
    const m = matchAdvisories(advisories, inventory);
    expect(m.map((x) => x.deviceId)).toEqual(['ex']);
    expect(m[0]).toMatchObject({ cve: 'CVE-2099-0001', severity: 'high', fixedIn: '21.4R3-S6', source: 'csaf' });
  });
  it('rejects files in neither format', () => {
    expect(() => csafOrNvd('{"hello":1}')).toThrow(/NVD_CVE/);
    expect(() => csafOrNvd('not json')).toThrow(/not JSON/);
  });
});
