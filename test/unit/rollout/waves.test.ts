import { describe, expect, it } from 'vitest';
import { splitWaves, thresholdExceeded } from '../../../electron/engine/rollout/waves';
import { parseSelector, selectTargets, type InventoryTarget } from '../../../electron/engine/rollout/selectors';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `d${i + 1}`);
const sizes = (n: number, points: string[]) => splitWaves(ids(n), points).waves.map((w) => w.members.length);

describe('wave splitting', () => {
  it('percentages are cumulative and round up', () => {
    expect(sizes(20, ['10%', '50%', '100%'])).toEqual([2, 8, 10]);
    expect(sizes(5, ['10%', '50%', '100%'])).toEqual([1, 2, 2]);
    expect(sizes(3, ['10%', '50%', '100%'])).toEqual([1, 1, 1]);
  });
  it('drops waves that add nobody', () => {
    expect(sizes(1, ['10%', '50%', '100%'])).toEqual([1]);
    expect(sizes(2, ['10%', '20%', '100%'])).toEqual([1, 1]);
  });
  it('counts are cumulative device counts; all is everything', () => {
    expect(sizes(10, ['1', '4', 'all'])).toEqual([1, 3, 6]);
    expect(sizes(3, ['5'])).toEqual([3]);
  });
  it('keeps order and covers every device exactly once', () => {
    const { waves } = splitWaves(ids(7), ['30%', '60%', '100%']);
    expect(waves.flatMap((w) => w.members)).toEqual(ids(7));
    expect(waves.map((w) => w.name)).toEqual(['wave 1', 'wave 2', 'wave 3']);
  });
  it('adds the rest as a last wave, with a note, when the points stop short', () => {
    const r = splitWaves(ids(10), ['20%', '50%']);
    expect(r.waves.map((w) => w.members.length)).toEqual([2, 3, 5]);
    expect(r.notes[0]).toContain('remaining 5 form a last wave');
  });
  it('refuses shrinking waves and nonsense points', () => {
    expect(() => splitWaves(ids(10), ['50%', '10%'])).toThrow(/must not shrink/);
    expect(() => splitWaves(ids(10), ['0%'])).toThrow(/above 0/);
    expect(() => splitWaves(ids(10), ['0'])).toThrow(/at least 1/);
  });
  it('no targets, no waves', () => {
    expect(splitWaves([], ['100%']).waves).toEqual([]);
  });
});

describe('failure threshold: a wave fails when failed devices > threshold', () => {
  it('count: exactly at the threshold passes, one more fails', () => {
    expect(thresholdExceeded({ count: 0 }, 0, 10)).toBe(false);
    expect(thresholdExceeded({ count: 0 }, 1, 10)).toBe(true);
    expect(thresholdExceeded({ count: 2 }, 2, 10)).toBe(false);
    expect(thresholdExceeded({ count: 2 }, 3, 10)).toBe(true);
  });
  it('percent: exactly p % passes, anything above fails (no float rounding)', () => {
    expect(thresholdExceeded({ percent: 20 }, 2, 10)).toBe(false);
    expect(thresholdExceeded({ percent: 20 }, 3, 10)).toBe(true);
    // 1 of 3 is 33.33…%: above 33, not above 33.34.
    expect(thresholdExceeded({ percent: 33 }, 1, 3)).toBe(true);
    expect(thresholdExceeded({ percent: 33.34 }, 1, 3)).toBe(false);
    expect(thresholdExceeded({ percent: 0 }, 1, 1000)).toBe(true);
    expect(thresholdExceeded({ percent: 100 }, 1000, 1000)).toBe(false);
    // 10 % of 10 devices is 1: one failure passes, two fail.
    expect(thresholdExceeded({ percent: 10 }, 1, 10)).toBe(false);
    expect(thresholdExceeded({ percent: 10 }, 2, 10)).toBe(true);
  });
});

describe('selectors', () => {
  const inv: InventoryTarget[] = [
    { deviceId: '1', address: '127.22.0.1', port: 161, label: 'a', platform: 'iosxe', segment: 'HQ', credentialId: null, sshCredentialId: null },
    { deviceId: '2', address: '127.22.0.2', port: 161, label: 'b', platform: 'junos', segment: 'Branch', credentialId: null, sshCredentialId: null },
    { deviceId: '3', address: '127.22.0.3', port: 161, label: 'c', platform: 'iosxe', segment: 'Branch', credentialId: null, sshCredentialId: null },
  ];
  const pick = (s: string) => selectTargets(inv, parseSelector(s)).map((d) => d.address);
  it('all, platform, segment, device lists', () => {
    expect(pick('all')).toHaveLength(3);
    expect(pick('platform:iosxe')).toEqual(['127.22.0.1', '127.22.0.3']);
    expect(pick('segment:Branch')).toEqual(['127.22.0.2', '127.22.0.3']);
    expect(pick('device:127.22.0.3,127.22.0.1')).toEqual(['127.22.0.1', '127.22.0.3']);
  });
  it('errors name the problem', () => {
    expect(() => pick('device:127.22.0.9')).toThrow(/not in the inventory: 127.22.0.9/);
    expect(() => parseSelector('vendor:cisco')).toThrow(/bad selector/);
  });
});
