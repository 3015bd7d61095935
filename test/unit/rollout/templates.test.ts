import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RoutewiseError } from '../../../shared/api/errors';
import { validateParams } from '../../../electron/engine/rollout/templates/param-schema';
import { checkTemplateBody, renderBody } from '../../../electron/engine/rollout/templates/sandbox';
import { listTemplates, parseTemplate, renderTemplate, resolveTemplate } from '../../../electron/engine/rollout/templates/template-library';
import type { TemplateSpec } from '../../../electron/engine/rollout/templates/template-spec';
import { makeTempDir } from '../../support/temp-dir';

const base = `
name: t1
description: test
platforms: [iosxe, junos]
parameters:
  host: { type: hostname }
  count: { type: integer, default: 3, validation: { min: 1, max: 5 } }
  on: { type: boolean, default: false }
  addr: { type: ipv4, required: false }
  list: { type: ipv4-list, default: [192.0.2.1], validation: { min: 1, max: 2 } }
  level: { type: enum, default: info, validation: { values: [info, warn] } }
  name: { type: string, default: abc, validation: { pattern: "[a-z]+", max: 8 } }
body:
  iosxe: "hostname {{ host }}\\n"
  junos: "set system host-name {{ host }}\\n"
`;

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RoutewiseError);
    return (err as Error).message;
  }
  throw new Error('expected a throw');
}

describe('template parameters', () => {
  const t = parseTemplate(base, 't1.yaml');

  it('fills defaults and accepts valid values (numbers and booleans from hand-written strings too)', () => {
    expect(validateParams(t, { host: 'r1.example.net', count: '4', on: 'true', list: '192.0.2.7, 192.0.2.8' })).toEqual({
      host: 'r1.example.net', count: 4, on: true, list: ['192.0.2.7', '192.0.2.8'], level: 'info', name: 'abc',
    });
  });

  it('names every bad parameter and why', () => {
    const m = message(() => validateParams(t, { host: '-bad-', count: 9, addr: '999.1.1.1', list: [], level: 'debug', name: 'ABC', typo: 1 }));
    expect(m).toContain('parameter typo: unknown parameter');
    expect(m).toContain('parameter host: not a host name');
    expect(m).toContain('parameter count: at most 5');
    expect(m).toContain('parameter addr: not an IPv4 address');
    expect(m).toContain('parameter list: at least 1 addresses');
    expect(m).toContain('parameter level: must be one of info, warn');
    expect(m).toContain('parameter name: must match [a-z]+');
  });

  it('requires parameters without a default', () => {
    expect(message(() => validateParams(t, {}))).toContain('parameter host: required (hostname)');
  });

  it('refuses line breaks and control characters in strings (config injection)', () => {
    const inj = parseTemplate(base.replace('pattern: "[a-z]+", ', ''), 't1.yaml');
    expect(message(() => validateParams(inj, { host: 'r1', name: 'a\nusername evil privilege 15' }))).toContain('must not contain line breaks');
    expect(message(() => validateParams(inj, { host: 'r1', name: 'a\u001b[2J' }))).toContain('must not contain line breaks');
  });
});

describe('template documents', () => {
  it('reports the field that is wrong', () => {
    expect(message(() => parseTemplate(base.replace('platforms: [iosxe, junos]', 'platforms: [iosxe, junos, eos]'), 'x.yaml'))).toContain('body.eos: platform eos is listed but has no body');
    expect(message(() => parseTemplate(base.replace('type: hostname', 'type: float'), 'x.yaml'))).toMatch(/parameters\.host\.type/);
    expect(message(() => parseTemplate('name: [', 'x.yaml'))).toContain('x.yaml: not valid YAML');
  });

  it('one body string serves every platform', () => {
    const t = parseTemplate('name: one\ndescription: d\nplatforms: [eos, frr]\nbody: "hostname {{ h }}"\nparameters: { h: { type: hostname } }\n', 'one.yaml');
    const r = renderTemplate(t, { h: 'x1' }, ['eos', 'frr']);
    expect(r.rendered.map((x) => x.config)).toEqual(['hostname x1\n', 'hostname x1\n']);
    expect(message(() => renderTemplate(t, { h: 'x1' }, ['junos']))).toContain('has no body for platform junos');
  });

  it('redacts secret parameters in the display text only', () => {
    const t = parseTemplate('name: s\ndescription: d\nplatforms: [eos]\nbody: "snmp-server user u g v3 auth sha {{ p }}"\nparameters: { p: { type: string, secret: true } }\n', 's.yaml');
    const [r] = renderTemplate(t, { p: 'hunter2-secret' }, ['eos']).rendered;
    expect(r!.config).toContain('hunter2-secret');
    expect(r!.display).toBe('snmp-server user u g v3 auth sha ********\n');
  });

  it('user templates in <dataDir>/templates are listed beside the shipped ones; broken files are reported', () => {
    const tmp = makeTempDir('routewise-tpl-');
    try {
      fs.mkdirSync(path.join(tmp.dir, 'templates'));
      fs.writeFileSync(path.join(tmp.dir, 'templates', 'mine.yaml'), base.replace('name: t1', 'name: mine'));
      fs.writeFileSync(path.join(tmp.dir, 'templates', 'broken.yaml'), 'name: broken\n');
      const { templates, problems } = listTemplates(tmp.dir);
      expect(templates.find((t) => t.spec.name === 'mine')?.source).toBe('user');
      expect(templates.find((t) => t.spec.name === 'ntp')?.source).toBe('shipped');
      expect(problems.join('\n')).toContain('broken.yaml');
      expect(resolveTemplate(tmp.dir, 'mine').spec.name).toBe('mine');
      expect(message(() => resolveTemplate(tmp.dir, 'nope'))).toContain('no template named nope');
    } finally {
      tmp.cleanup();
    }
  });
});

describe('the sandbox', () => {
  const escapes = [
    '{{ "".constructor.constructor("return process")().exit(1) }}',
    '{{ range.constructor("return process")() }}',
    '{{ x["constructor"] }}',
    '{{ x[k] }}',
    '{{ x.__proto__ }}',
    '{{ cycler.call(1) }}',
    '{{ joiner() }}',
    '{% include "/etc/passwd" %}',
    '{% import "/etc/passwd" as p %}',
    '{% extends "/etc/passwd" %}',
    '{% macro m() %}x{% endmacro %}',
  ];
  it.each(escapes)('refuses %s', (body) => {
    expect(message(() => checkTemplateBody(body))).toMatch(/template body refused/);
  });

  it('does not evaluate template syntax inside parameter values', () => {
    expect(renderBody('hostname {{ h }}', { h: '{{ 7*7 }}{% include "/etc/passwd" %}' })).toBe('hostname {{ 7*7 }}{% include "/etc/passwd" %}\n');
  });

  it('keeps loops, conditionals, filters and range working (trim_blocks/lstrip_blocks as in Ansible)', () => {
    const body = '{% for s in servers %}\n  ntp server {{ s | upper }}{{ " last" if loop.last }}\n{% endfor %}\n{% if on %}\nx\n{% endif %}\n{% for i in range(2) %}{{ i }}{% endfor %}';
    expect(renderBody(body, { servers: ['a', 'b'], on: true })).toBe('  ntp server A\n  ntp server B last\nx\n01\n');
  });

  it('an undefined name is an error, not an empty string', () => {
    expect(message(() => renderBody('hostname {{ nope }}', {}))).toContain('template render failed');
  });
});

describe('shipped templates', () => {
  it('all parse, and every listed platform renders with sample parameters', () => {
    const { templates, problems } = listTemplates('/nonexistent-routewise-dir');
    expect(problems).toEqual([]);
    const names = templates.map((t) => t.spec.name);
    // The AI-router rollout set; the compliance pack's remediation templates ship beside them.
    expect(names).toEqual(expect.arrayContaining(['disable-cloud-data-sharing', 'enable-ai-threat-detection', 'ntp', 'snmpv3-only', 'syslog-to-collector']));
    expect(names).toEqual([...new Set(names)].sort());
    const sample: Record<string, Record<string, unknown>> = {
      ntp: { servers: ['192.0.2.1', '192.0.2.2'] },
      'syslog-to-collector': { collector: '192.0.2.9' },
      'snmpv3-only': { auth_password: 'authpass123', priv_password: 'privpass123' },
    };
    for (const t of templates) {
      const r = renderTemplate(t.spec, sample[t.spec.name] ?? sampleRequired(t.spec), t.spec.platforms);
      for (const x of r.rendered) expect(x.config.trim().length).toBeGreaterThan(0);
    }
    const snmp = templates.find((t) => t.spec.name === 'snmpv3-only')!;
    const iosxe = renderTemplate(snmp.spec, sample['snmpv3-only']!, ['iosxe']).rendered[0]!;
    expect(iosxe.config).toContain('snmp-server user routewise routewise-ro v3 auth sha authpass123 priv aes 128 privpass123');
    expect(iosxe.config).toContain('no snmp-server community public');
    expect(iosxe.display).not.toContain('authpass123');
  });
});

describe('run-time diffs are redacted like the plan', () => {
  it('replaces rendered secret lines and tokens in a device diff', async () => {
    const { redactLike } = await import('../../../electron/engine/rollout/executor');
    const change = 'snmp-server user u g v3 auth sha s3cretAuth priv aes 128 s3cretPriv\nntp server 192.0.2.1\n';
    const shown = 'snmp-server user u g v3 auth sha ******** priv aes 128 ********\nntp server 192.0.2.1\n';
    const diff = '+snmp-server user u g v3 auth sha s3cretAuth priv aes 128 s3cretPriv\n+ntp server 192.0.2.1\n+ set snmp v3 password "s3cretAuth"\n';
    const out = redactLike(diff, change, shown);
    expect(out).not.toContain('s3cret');
    expect(out).toContain('+ntp server 192.0.2.1');
  });
});

/** A valid value for every required parameter without a default, from its type and validation. */
function sampleRequired(spec: TemplateSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, p] of Object.entries(spec.parameters)) {
    if (p.default !== undefined || p.required === false) continue;
    const v = p.validation;
    out[name] =
      p.type === 'ipv4' ? '192.0.2.10'
      : p.type === 'ipv4-list' ? ['192.0.2.10']
      : p.type === 'integer' ? (v.min ?? 1)
      : p.type === 'boolean' ? true
      : p.type === 'enum' ? v.values?.[0]
      : p.type === 'hostname' ? 'collector.example.net'
      : 'x'.repeat(Math.max(v.min ?? 8, 8));
  }
  return out;
}
