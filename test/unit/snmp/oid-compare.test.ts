import { describe, expect, it } from 'vitest';
import { compareArcs, oidArcs } from '../../../electron/engine/snmp/oid';
import { compareCanonicalOids } from '../../../electron/engine/snmp/oid-compare';

describe('compareCanonicalOids (allocation-free walk order check)', () => {
  it('orders by arc value, not by text', () => {
    expect(compareCanonicalOids('1.3.6.1.2.1.2.2.1.2.10', '1.3.6.1.2.1.2.2.1.2.9')).toBeGreaterThan(0);
    expect(compareCanonicalOids('1.3.6.1.2.1.2.2.1.2', '1.3.6.1.2.1.2.2.1.2.1')).toBeLessThan(0);
    expect(compareCanonicalOids('1.3.6.61', '1.3.6.6.1')).toBeGreaterThan(0);
    expect(compareCanonicalOids('1.3.6', '1.3.61')).toBeLessThan(0);
    expect(compareCanonicalOids('1.3.6.1', '1.3.6.1')).toBe(0);
  });

  it('agrees in sign with compareArcs on random canonical OIDs', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const arc = (): number => [0, 1, 9, 10, 99, 100, 127, 128, 4294967295][rnd(9)] ?? rnd(100_000);
    const oid = (): string => ['1', '3', ...Array.from({ length: rnd(6) }, arc)].join('.');
    for (let i = 0; i < 20_000; i++) {
      const a = oid();
      // Often a near neighbour, so common prefixes are exercised.
      const b = rnd(2) ? oid() : a.split('.').slice(0, 2 + rnd(5)).concat(String(arc())).join('.');
      expect(Math.sign(compareCanonicalOids(a, b)), `${a} vs ${b}`).toBe(Math.sign(compareArcs(oidArcs(a), oidArcs(b))));
    }
  });
});
