import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Insight } from '../../../shared/domain/insight';
import { normalise } from '../../../electron/engine/threats/normaliser';

const root = path.resolve(__dirname, '../../fixtures/threats');
const cases = fs
  .readdirSync(root)
  .filter((d) => fs.statSync(path.join(root, d)).isDirectory())
  .flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => ({ dir, name: f.replace(/\.txt$/, '') })),
  );

describe('vendor fixtures normalise to the expected insight', () => {
  it('has fixtures for every vendor format', () => {
    const dirs = new Set(cases.map((c) => c.dir));
    for (const d of ['suricata-eve', 'fortigate', 'panos', 'junos', 'iosxe-utd', 'mikrotik', 'cef', 'leef', 'unknown']) {
      expect(dirs.has(d), d).toBe(true);
    }
  });

  it.each(cases)('$dir/$name', ({ dir, name }) => {
    const text = fs.readFileSync(path.join(root, dir, `${name}.txt`), 'utf8').replace(/\n$/, '');
    const expected = JSON.parse(fs.readFileSync(path.join(root, dir, `${name}.json`), 'utf8')) as Record<string, unknown>;
    const insight = normalise({ text, sender: '192.0.2.1', receivedAt: new Date('2026-01-15T12:00:00Z') }, 'fixture-id');
    expect(Insight.safeParse(insight).success).toBe(true);
    const actual: Record<string, unknown> = {};
    for (const key of Object.keys(expected)) actual[key] = (insight as Record<string, unknown>)[key] ?? null;
    expect(actual).toEqual(expected);
    expect(insight.raw).toBe(text);
    expect(insight.deviceAddress).toBe('192.0.2.1');
  });
});
