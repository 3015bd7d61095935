import { describe, expect, it } from 'vitest';
import { Redactor, redactSecrets } from '../../../electron/engine/archive/redact-secrets';
import { unifiedDiff } from '../../../electron/engine/drivers/unified-diff';

describe('redactSecrets', () => {
  it('redacts Cisco IOS / EOS communities, user secrets, enable secrets and keys', () => {
    const text = [
      'snmp-server community s3cretRO RO',
      'snmp-server community wr1te RW 10',
      'username admin privilege 15 secret 9 $9$abc$defghijk',
      'username ops role network-admin secret sha512 $6$salt$hash',
      'enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0',
      'tacacs-server host 10.1.1.1 key 7 094F471A1A0A',
      ' neighbor 10.0.0.2 password 7 05080F1C2243',
      ' ip ospf authentication-key 7 13061E010803',
      'snmp-server location DC1',
    ].join('\n');
    const out = redactSecrets(text);
    for (const secret of ['s3cretRO', 'wr1te', '$9$abc$defghijk', '$6$salt$hash', '$1$mERr$hx5rVt7rPNoS4wqbXKX7m0', '094F471A1A0A', '05080F1C2243', '13061E010803']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('snmp-server community <secret-1> RO');
    expect(out).toContain('snmp-server community <secret-2> RW 10');
    expect(out).toContain('snmp-server location DC1');
  });

  it('redacts Junos set lines and hierarchy', () => {
    const text = [
      'set snmp community pub1ic authorization read-only',
      'set system login user admin authentication encrypted-password "$6$x$y"',
      'set protocols ospf area 0 interface ge-0/0/0 authentication md5 1 key "$9$abc"',
      'snmp {',
      '    community pub1ic {',
      '        authorization read-only;',
      '    }',
      '}',
      '    encrypted-password "$6$x$y"; ## SECRET-DATA',
    ].join('\n');
    const out = redactSecrets(text);
    expect(out).not.toMatch(/pub1ic|\$6\$x\$y/);
    expect(out).toContain('set snmp community <secret-1> authorization read-only');
    expect(out).toContain('    community <secret-1> {');
    expect(out).toContain('encrypted-password <secret-2>; ## SECRET-DATA');
  });

  it('redacts RouterOS and FortiOS secrets', () => {
    const out = redactSecrets(['/snmp community', 'add addresses=127.0.0.0/8 name=c0mmunity', '/ppp secret', 'add name=vpn password=hunter2', 'config system admin', '    edit "admin"', '        set password ENC SH2abcdef==', '        set psksecret ENC xyz'].join('\n'));
    expect(out).not.toMatch(/c0mmunity|hunter2|SH2abcdef|xyz/);
    expect(out).toContain('add addresses=127.0.0.0/8 name=<secret-1>');
    expect(out).toContain('add name=vpn password=<secret-2>');
  });

  it('keeps a changed secret visible in a diff without showing it, and an unchanged one out of it', () => {
    const r = new Redactor();
    const before = r.redact('snmp-server community old-secret RO\nusername a secret 9 same\n');
    const after = r.redact('snmp-server community new-secret RO\nusername a secret 9 same\n');
    const diff = unifiedDiff(before, after);
    expect(diff).toContain('-snmp-server community <secret-1> RO');
    expect(diff).toContain('+snmp-server community <secret-3> RO');
    expect(diff).not.toMatch(/old-secret|new-secret|secret 9 same/);
    expect(diff).toContain(' username a secret 9 <secret-2>');
  });

  it('leaves lines without secrets alone', () => {
    const text = 'interface Gi1\n description password reset desk\n ip address 10.0.0.1 255.255.255.0\n';
    expect(redactSecrets(text)).toBe(text);
  });
});
