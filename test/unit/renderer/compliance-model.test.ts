import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/api/compliance';
import { evidenceLine } from '../../../renderer/src/features/compliance/finding-item';
import {
  contentBytes,
  countFindings,
  drillFindings,
  expiryFromDate,
  scoreByControl,
  scoreByDevice,
} from '../../../renderer/src/features/compliance/compliance-model';

function finding(over: Partial<Finding>): Finding {
  return {
    deviceId: 'd1',
    deviceName: 'core-1',
    ruleId: 'R1',
    ruleTitle: 'rule',
    severity: 'high',
    status: 'pass',
    message: '',
    evidence: [],
    remediation: { text: 'fix it' },
    frameworks: { cis: ['1.1'], 'nist-800-53': ['AC-17'], 'pci-dss': [] },
    ...over,
  };
}

const waiver = { id: 'w', ruleId: 'R2', deviceId: 'd1', reason: 'lab', owner: 'ops', expiresAt: '2099-01-01T00:00:00Z', createdAt: '', createdBy: '' };

describe('compliance model', () => {
  it('scores pass / (pass + unwaived fail); waived failures and n/a do not count', () => {
    const c = countFindings([
      finding({}),
      finding({ ruleId: 'R2', status: 'fail', waiver }),
      finding({ ruleId: 'R3', status: 'fail' }),
      finding({ ruleId: 'R4', status: 'not-applicable' }),
      finding({ ruleId: 'R5', status: 'error' }),
    ]);
    expect(c).toEqual({ pass: 1, fail: 1, waived: 1, notApplicable: 1, error: 1, scorePct: 50 });
    expect(countFindings([finding({ status: 'not-applicable' })]).scorePct).toBeNull();
  });

  it('groups by device (worst first) and by requirement in natural order', () => {
    const fs = [
      finding({ deviceId: 'a', deviceName: 'a', frameworks: { cis: ['1.10'], 'nist-800-53': [], 'pci-dss': [] } }),
      finding({ deviceId: 'b', deviceName: 'b', status: 'fail', frameworks: { cis: ['1.2'], 'nist-800-53': [], 'pci-dss': [] } }),
    ];
    expect(scoreByDevice(fs).map((d) => [d.deviceName, d.counts.scorePct])).toEqual([['b', 0], ['a', 100]]);
    expect(scoreByControl(fs, 'cis').map((c) => c.control)).toEqual(['1.2', '1.10']);
    expect(scoreByControl(fs, 'pci-dss')).toEqual([]);
  });

  it('drills into a requirement with failures first', () => {
    const fs = [finding({ ruleId: 'A' }), finding({ ruleId: 'B', status: 'fail' }), finding({ ruleId: 'C', frameworks: { cis: [], 'nist-800-53': ['AC-17'], 'pci-dss': [] } })];
    expect(drillFindings(fs, { kind: 'control', framework: 'cis', control: '1.1' }).map((f) => f.ruleId)).toEqual(['B', 'A']);
    expect(drillFindings(fs, { kind: 'device', deviceId: 'nope' })).toEqual([]);
    expect(drillFindings(fs, null)).toEqual([]);
  });

  it('accepts only future expiry dates', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(expiryFromDate('2026-12-01', now)).toBe('2026-12-01T23:59:59.000Z');
    expect(expiryFromDate('2026-11-24', now)).toBeNull();
    expect(expiryFromDate('garbage', now)).toBeNull();
  });

  it('counts bytes of utf8 and base64 content', () => {
    expect(contentBytes('héllo', 'utf8')).toBe(6);
    expect(contentBytes(Buffer.from('hello!!').toString('base64'), 'base64')).toBe(7);
    expect(contentBytes(Buffer.from('hi').toString('base64'), 'base64')).toBe(2);
  });

  it('shows evidence with its line number, and hostile text without control characters', () => {
    expect(evidenceLine({ kind: 'config', source: 'running', line: 42, text: 'snmp-server community public RO' })).toBe('running     42   snmp-server community public RO');
    expect(evidenceLine({ kind: 'config', source: 'approved', line: 7, text: 'x\u001b[31m<b>y', change: 'removed' })).toBe('approved     7 - x<b>y');
    expect(evidenceLine({ kind: 'fact', field: 'osVersion', value: '17.3' })).toBe('osVersion = 17.3');
  });
});
