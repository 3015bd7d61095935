import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE_PARSER_NAMES, PROBE_PARSERS, type ProbeParserName } from '../../../../electron/engine/discovery/ai-probes/probe-parsers';
import { aiProbeKeys, evaluateAiCapability } from '../../../../electron/engine/discovery/catalog/ai-catalog';
import type { DeviceFacts } from '../../../../shared/domain/device';

/** test/fixtures/ai-probes/<parser>/<case>/<command>.txt + expected.json (see the README there). */
const FIXTURES = path.resolve(__dirname, '../../../fixtures/ai-probes');

const fileOf = (key: string): string => `${key.slice(4).replace(/[^A-Za-z0-9-]+/g, '_').replace(/^_|_$/g, '')}.txt`;

interface Expected {
  state: string;
  excerpts: string[];
}

function loadCase(parser: ProbeParserName, name: string, crlf: boolean): { outputs: Record<string, string>; expected: Expected | null } {
  const dir = path.join(FIXTURES, parser, name);
  const outputs: Record<string, string> = {};
  for (const key of PROBE_PARSERS[parser].keys) {
    const file = path.join(dir, fileOf(key));
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    outputs[key] = crlf ? text.replace(/\n/g, '\r\n') : text;
  }
  return { outputs, expected: JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected | null };
}

describe('AI feature-state probe parsers on vendor-layout output', () => {
  it('has fixtures for every parser, with each state it can return', () => {
    for (const parser of PROBE_PARSER_NAMES) {
      const states = fs.readdirSync(path.join(FIXTURES, parser)).map((c) => loadCase(parser, c, false).expected?.state);
      expect(states, parser).toContain('enabled');
      expect(states, parser).toContain('disabled');
    }
  });

  for (const parser of PROBE_PARSER_NAMES) {
    for (const name of fs.readdirSync(path.join(FIXTURES, parser))) {
      for (const crlf of [false, true]) {
        it(`${parser}/${name}${crlf ? ' (CRLF)' : ''}`, () => {
          const { outputs, expected } = loadCase(parser, name, crlf);
          expect(Object.keys(outputs).length, 'no command output files in the case').toBeGreaterThan(0);
          const reading = PROBE_PARSERS[parser].parse(outputs);
          if (expected === null) return expect(reading).toBeUndefined();
          expect(reading?.state).toBe(expected.state);
          expect(reading?.evidence.map((e) => e.excerpt)).toEqual(expected.excerpts);
          for (const e of reading?.evidence ?? []) expect(PROBE_PARSERS[parser].keys).toContain(`${e.via}:${e.command}`);
        });
      }
    }
  }
});

describe('catalog rules with live-state probes', () => {
  const facts = (f: Partial<DeviceFacts>): DeviceFacts => ({ platform: 'unknown', sources: ['snmp'], ...f });

  it('records the probed state per feature with the command output that decided it', () => {
    const { outputs } = loadCase('junos-idp', 'licensed-no-active-policy', false);
    const v = evaluateAiCapability(facts({ vendor: 'Juniper', platform: 'junos', model: 'SRX345', osVersion: '22.4R3-S2' }), outputs);
    const atp = v.featureStates?.filter((s) => s.ruleId === 'juniper-srx-atp-cloud') ?? [];
    expect(atp.map((s) => s.feature).sort()).toEqual(['cloud-ai-service', 'ips-engine', 'ml-threat-detection']);
    expect(new Set(atp.map((s) => s.state))).toEqual(new Set(['licensed']));
    expect(atp[0]?.evidence).toContainEqual({ via: 'ssh', command: 'show security idp status', excerpt: 'Policy Name : none' });
    // The telemetry rule has no probe: it stays a capability without a live state.
    expect(v.featureStates?.some((s) => s.ruleId === 'juniper-junos21-aiops')).toBe(false);
    expect(v.evidence.find((e) => e.ruleId === 'juniper-junos21-aiops')?.state).toBe('capable');
  });

  it('leaves the state out when nothing was probed', () => {
    const v = evaluateAiCapability(facts({ vendor: 'Arista', platform: 'eos', model: 'DCS-7050SX3-48YC8', osVersion: '4.30.1F' }));
    expect(v.capable).toBe(true);
    expect(v.featureStates).toBeUndefined();
  });

  it('names every probe command of a platform for the scan to run', () => {
    expect(aiProbeKeys('iosxe')).toEqual(expect.arrayContaining(['ssh:show utd engine standard status', 'ssh:show app-hosting list', 'ssh:show license summary', 'ssh:show version']));
    expect(aiProbeKeys('fortios')).toEqual(['ssh:diagnose autoupdate versions', 'ssh:show firewall policy | grep ips-sensor']);
    expect(aiProbeKeys('routeros')).toEqual([]);
  });
});
