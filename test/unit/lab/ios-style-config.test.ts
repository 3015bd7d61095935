import { describe, expect, it } from 'vitest';
import { applyIosConfigLine, normalizeIosConfig } from '../../../electron/engine/lab/cli/ios-style-config';

const CONTEXTS = ['interface', 'line'];
const BASE = normalizeIosConfig(['service timestamps log datetime msec', 'service call-home', 'hostname r1', 'ntp server 192.0.2.1', 'interface Gi1', ' description up', 'lldp run'].join('\n'));
const apply = (text: string, ...lines: string[]) => lines.reduce((t, l) => applyIosConfigLine(t, undefined, l, CONTEXTS).text, text);

describe('lab IOS-style running config ordering', () => {
  it('a global line removed and added back returns the same text (generated order, not append order)', () => {
    const off = apply(BASE, 'no service call-home');
    expect(off).not.toMatch(/^service call-home$/m);
    expect(apply(off, 'service call-home')).toBe(BASE);
  });

  it('a new line joins the lines of its kind; a new kind goes last', () => {
    const lines = apply(BASE, 'ntp server 192.0.2.2', 'snmp-server location lab').split('\n');
    expect(lines.indexOf('ntp server 192.0.2.2')).toBe(lines.indexOf('ntp server 192.0.2.1') + 1);
    expect(lines.indexOf('snmp-server location lab')).toBeGreaterThan(lines.indexOf('lldp run'));
  });
});
