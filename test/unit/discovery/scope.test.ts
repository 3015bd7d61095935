import { describe, expect, it } from 'vitest';
import { RoutewiseError } from '../../../shared/api/errors';
import { parseScopeRange, ScanScope } from '../../../electron/engine/discovery/scope/scope';
import { parseAddress } from '../../../electron/engine/discovery/targets/address';
import { parseRangeSyntax } from '../../../electron/engine/discovery/targets/range-syntax';

function interval(text: string) {
  const i = parseRangeSyntax(text);
  if (!i) throw new Error(text);
  return { family: i.family, start: i.start, end: i.end };
}

function refusal(fn: () => void): RoutewiseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RoutewiseError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('parseScopeRange', () => {
  it('canonicalises ranges', () => {
    expect(parseScopeRange('10.0.0.7/24').canonical).toBe('10.0.0.0/24');
    expect(parseScopeRange('127.0.0.10-20').canonical).toBe('127.0.0.10-127.0.0.20');
    expect(parseScopeRange(' 2001:DB8::1 ').canonical).toBe('2001:db8::1');
  });
  it.each(['localhost', '10.0.0.1:161', '10.0.0.0/40', 'x'.repeat(500)])('refuses %j', (t) => {
    expect(() => parseScopeRange(t)).toThrowError(/not a scope range/);
  });
});

describe('ScanScope', () => {
  it('an empty scope refuses everything and says why and how to fix it', () => {
    const err = refusal(() => new ScanScope([]).assertAllows('127.0.0.1'));
    expect(err.code).toBe('out-of-scope');
    expect(err.message).toContain('scan scope is empty');
    expect(err.message).toContain('routewise scope add 127.0.0.1');
    expect(err.message).toContain('Settings → Scan scope');
  });

  it('allows addresses inside any range, per family', () => {
    const scope = new ScanScope(['127.0.0.10-127.0.0.20', '::1', '10.1.0.0/16']);
    expect(scope.allows('127.0.0.15')).toBe(true);
    expect(scope.allows('127.0.0.21')).toBe(false);
    expect(scope.allows('::1')).toBe(true);
    expect(scope.allows('::2')).toBe(false);
    expect(scope.allows('10.1.255.255')).toBe(true);
    expect(scope.allows('not an address')).toBe(false);
  });

  it('checks a whole plan and names exactly the uncovered part', () => {
    const scope = new ScanScope(['127.0.0.0/28', '127.0.0.16-127.0.0.18']);
    expect(() => scope.assertCovers([interval('127.0.0.1-127.0.0.18')])).not.toThrow();
    const err = refusal(() => scope.assertCovers([interval('127.0.0.10-127.0.0.25'), interval('2001:db8::/127')]));
    expect(err.code).toBe('out-of-scope');
    expect(err.details).toMatchObject({ outside: ['127.0.0.19-127.0.0.25', '2001:db8::/127'], scopeEmpty: false });
    expect(err.message).toContain('routewise scope add 127.0.0.19-127.0.0.25');
  });

  it('treats IPv4-mapped IPv6 as the IPv4 address', () => {
    const a = parseAddress('::ffff:127.0.0.5');
    expect(a?.family).toBe(4);
    expect(new ScanScope(['127.0.0.0/24']).allows('::ffff:127.0.0.5')).toBe(true);
  });
});
