import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffLines, unifiedDiff } from '../../../electron/engine/drivers/unified-diff';
import { hasTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';

describe('unifiedDiff', () => {
  it('is empty for equal texts and ignores a missing final newline', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toBe('');
    expect(unifiedDiff('a\nb', 'a\nb\n')).toBe('');
  });

  it('labels one changed line with three lines of context, as diff -u does', () => {
    const before = ['hostname r1', 'interface Gi1', ' description old', '!', 'snmp-server location DC1', 'end'].join('\n');
    const after = before.replace('DC1', 'DC2');
    expect(unifiedDiff(before, after, { fromLabel: 'a', toLabel: 'b' })).toBe(
      ['--- a', '+++ b', '@@ -2,5 +2,5 @@', ' interface Gi1', '  description old', ' !', '-snmp-server location DC1', '+snmp-server location DC2', ' end', ''].join('\n'),
    );
  });

  it('handles insertions into and deletions from empty texts', () => {
    expect(unifiedDiff('', 'x\n')).toBe('--- running\n+++ candidate\n@@ -0,0 +1 @@\n+x\n');
    expect(unifiedDiff('x\ny\n', '')).toBe('--- running\n+++ candidate\n@@ -1,2 +0,0 @@\n-x\n-y\n');
  });

  it('finds a minimal edit script', () => {
    const ops = diffLines(['a', 'b', 'c', 'a', 'b', 'b', 'a'], ['c', 'b', 'a', 'b', 'a', 'c']);
    expect(ops.filter((o) => o.kind !== ' ').length).toBe(5); // Myers' paper example: D = 5
  });
});

// Against GNU diff and patch: our hunks apply with `patch`, and the edit script is as short as `diff --minimal`.
const gnu = hasTool('diff') && hasTool('patch');
describe.skipIf(!gnu)('unifiedDiff against GNU diff/patch', () => {
  const tmp = makeTempDir('routewise-udiff-');
  afterAll(() => tmp.cleanup());
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const randomText = (lines: number) => Array.from({ length: lines }, () => `line ${rnd(6)}`);

  it('produces patches GNU patch applies, with as many changed lines as diff --minimal', () => {
    for (let i = 0; i < 60; i++) {
      const a = randomText(rnd(25));
      const b = rnd(2) === 0 ? randomText(rnd(25)) : a.map((l) => (rnd(5) === 0 ? `changed ${rnd(3)}` : l)).filter(() => rnd(8) !== 0);
      const before = a.length ? `${a.join('\n')}\n` : '';
      const after = b.length ? `${b.join('\n')}\n` : '';
      const fa = path.join(tmp.dir, 'a.txt');
      const fb = path.join(tmp.dir, 'b.txt');
      fs.writeFileSync(fa, before);
      fs.writeFileSync(fb, after);
      const ours = unifiedDiff(before, after, { fromLabel: 'a.txt', toLabel: 'b.txt' });
      const theirs = spawnSync('diff', ['--minimal', '-u', fa, fb], { encoding: 'utf8' }).stdout;
      const changes = (d: string) => d.split('\n').filter((l) => /^[+-](?![+-]{2} )/.test(l)).length;
      expect(changes(ours)).toBe(changes(theirs));
      if (ours === '') {
        expect(before).toBe(after);
        continue;
      }
      fs.writeFileSync(path.join(tmp.dir, 'p.diff'), ours);
      execFileSync('patch', ['-s', '-o', path.join(tmp.dir, 'out.txt'), fa, path.join(tmp.dir, 'p.diff')]);
      expect(fs.readFileSync(path.join(tmp.dir, 'out.txt'), 'utf8')).toBe(after);
    }
  });
});
