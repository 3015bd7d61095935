import { describe, expect, it } from 'vitest';
import { AiCatalog, aiCatalog, evaluateAiCapability, versionKey } from '../../../electron/engine/discovery/catalog/ai-catalog';
import type { DeviceFacts } from '../../../shared/domain/device';

const facts = (f: Partial<DeviceFacts>): DeviceFacts => ({ platform: 'unknown', sources: ['snmp'], ...f });

describe('AI capability catalog', () => {
  it('loads and validates the shipped data file', () => {
    expect(aiCatalog.rules.length).toBeGreaterThanOrEqual(10);
    for (const r of aiCatalog.rules) expect(r.source).toMatch(/https:\/\//);
  });

  it('rejects a malformed catalog (bad regex, unknown feature, duplicate id)', () => {
    const rule = { id: 'x', vendor: 'V', features: ['npu'], source: 'Vendor doc, https://example.com', note: '' };
    expect(AiCatalog.safeParse({ catalogVersion: '1', description: '', rules: [{ ...rule, modelPattern: '([' }] }).success).toBe(false);
    expect(AiCatalog.safeParse({ catalogVersion: '1', description: '', rules: [{ ...rule, features: ['magic'] }] }).success).toBe(false);
    expect(AiCatalog.safeParse({ catalogVersion: '1', description: '', rules: [rule, rule] }).success).toBe(false);
  });

  it('credits a FortiGate 60F on FortiOS 7.2 with NPU and FortiGuard AI, with evidence', () => {
    const v = evaluateAiCapability(facts({ vendor: 'Fortinet', platform: 'fortios', model: 'FortiGate-60F', osVersion: '7.2.10 build1706' }));
    expect(v.capable).toBe(true);
    expect(v.catalogVersion).toBe(aiCatalog.catalogVersion);
    expect(new Set(v.features)).toEqual(new Set(['npu', 'ml-threat-detection', 'ips-engine', 'cloud-ai-service']));
    expect(v.evidence.find((e) => e.feature === 'npu')).toMatchObject({ ruleId: 'fortinet-fortigate-npu', field: 'platform+model', matched: 'fortios | FortiGate-60F', state: 'capable' });
  });

  it('does not credit FortiOS 5.4 with the 7.0+ AI services', () => {
    const v = evaluateAiCapability(facts({ vendor: 'Fortinet', platform: 'fortios', model: 'FortiGate-100E', osVersion: '5.4.4 build7650' }));
    expect(v.features).toEqual(['npu']);
  });

  it('matches PAN-OS 10.2 on a PA-5220 and Catalyst 9500 on IOS-XE 17', () => {
    expect(evaluateAiCapability(facts({ vendor: 'Palo Alto Networks', platform: 'panos', model: 'PA-5220', osVersion: '10.2.9-h1' })).features).toContain('ml-threat-detection');
    const c9k = evaluateAiCapability(facts({ vendor: 'Cisco', platform: 'iosxe', model: 'C9500-48Y4C', osVersion: '17.12.4' }));
    expect(c9k.features).toEqual(['aiops-telemetry', 'cloud-ai-service']);
    const isr = evaluateAiCapability(facts({ vendor: 'Cisco', platform: 'iosxe', model: 'ISR4321/K9', osVersion: '17.6.4' }));
    expect(isr.features).toEqual(['ips-engine']);
  });

  it('compares Huawei and Check Point version schemes', () => {
    expect(versionKey('5.170 (V200R010C00SPC600)')).toEqual([200, 10, 0]);
    expect(versionKey('R81.10')).toEqual([81, 10]);
    expect(evaluateAiCapability(facts({ vendor: 'Huawei', platform: 'vrp', model: 'S5720-56C-PWR-EI-AC', osVersion: '5.170 (V200R010C00SPC600)' })).capable).toBe(false);
    expect(evaluateAiCapability(facts({ vendor: 'Huawei', platform: 'vrp', model: 'S5735', osVersion: '5.170 (V200R019C10SPC500)' })).capable).toBe(true);
    expect(evaluateAiCapability(facts({ vendor: 'Check Point', platform: 'gaia', osVersion: 'R77.20' })).capable).toBe(false);
    expect(evaluateAiCapability(facts({ vendor: 'Check Point', platform: 'gaia', osVersion: 'R81.20' })).capable).toBe(true);
  });

  it('gives legacy gear and devices without a version no verdict', () => {
    expect(evaluateAiCapability(facts({ vendor: 'MikroTik', platform: 'routeros', osVersion: '6.44.2', model: 'CRS317-1G-16S+' }))).toMatchObject({ capable: false, features: [], evidence: [] });
    expect(evaluateAiCapability(facts({ vendor: 'Palo Alto Networks', platform: 'panos', model: 'PA-220' })).capable).toBe(false);
  });

  it('reads probe output into the evidence state', () => {
    const f = facts({ vendor: 'Cisco', platform: 'iosxe', model: 'ISR4331/K9', osVersion: '17.9.4' });
    const on = evaluateAiCapability(f, { 'ssh:show utd engine standard status': 'Engine version : 1.0.19_SV2.9.16.1\nEngine            Running    Health     Reason\nEngine(#1):       Yes        Green      None' });
    expect(on.evidence[0]).toMatchObject({ state: 'enabled', field: 'platform+model+ssh:show utd engine standard status' });
    const off = evaluateAiCapability(f, { 'ssh:show utd engine standard status': 'UTD is not enabled' });
    expect(off.evidence[0]?.state).toBe('disabled');
    expect(off.capable).toBe(true);
  });
});
