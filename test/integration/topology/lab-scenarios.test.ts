import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../../support/temp-dir';

const run = promisify(execFile);
const BIN = path.resolve('bin/routewise.mjs');

interface Finding {
  kind: string;
  severity: string;
  subject: { type: string; id: string; label: string };
}

/**
 * Each lab scenario plants one kind of trouble. Against the healthy lab ('none') as baseline, the analysis must find
 * exactly what the scenario planted (new findings of the expected kinds) and nothing else.
 */
async function analyseLab(scenario: string, base: string): Promise<Finding[]> {
  const tmp = makeTempDir(`routewise-scn-${scenario}-`);
  const env = { ...process.env, ROUTEWISE_MASTER_KEY: 'f'.repeat(64), ROUTEWISE_DATA_DIR: tmp.dir };
  const cli = async (...args: string[]) =>
    JSON.parse((await run(process.execPath, [BIN, '--json', ...args], { env, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 })).stdout) as Record<string, unknown>;
  try {
    const lab = (await cli('lab', 'start', '--devices', '12', '--scenario', scenario, '--base', base, '--seed', '7', '--threats-per-min', '0')) as {
      devices: Array<{ address: string; snmpPort: number }>;
      credentials: { snmpV2cCommunity: string };
    };
    await cli('scope', 'add', `${base}/16`);
    await cli('scan', `${lab.devices[0]!.address}-${lab.devices.at(-1)!.address}`, '--community', lab.credentials.snmpV2cCommunity, '--snmp-port', String(lab.devices[0]!.snmpPort), '--timeout', '3000');
    await cli('topology');
    // Seven cycles: an error or utilisation rate needs two samples, and a loaded machine can overrun a cycle or two.
    await cli('poll', '--interval', '2', '--duration', '14', '--timeout', '3000');
    const { findings } = (await cli('analyze', '--window', '2m')) as { findings: Finding[] };
    return findings;
  } finally {
    await run(process.execPath, [BIN, 'lab', 'stop'], { env }).catch(() => undefined);
    tmp.cleanup();
  }
}

// A link's label lists its ends in device-id order, and ids differ between labs: compare ends as a set.
const key = (f: Finding) => `${f.kind} ${f.subject.label.split(' ↔ ').sort().join(' ↔ ')}`;
// min-cut capacities are reported for every segment (info); a scenario that shuts a link changes them on purpose.
const structural = (fs: Finding[]) => new Set(fs.filter((f) => f.kind !== 'min-cut').map(key));

describe('lab scenarios: the analysis finds exactly what each scenario plants', () => {
  let baseline: Set<string>;

  it('the healthy lab (baseline) has no hot links, mismatches or error findings', async () => {
    const findings = await analyseLab('none', '127.31.0.0');
    baseline = structural(findings);
    expect(findings.filter((f) => ['hot-link', 'errors', 'speed-mismatch'].includes(f.kind))).toEqual([]);
  }, 240_000);

  for (const [scenario, base, expectedKinds] of [
    ['congested-uplink', '127.32.0.0', ['hot-link', 'errors']],
    ['crc-errors', '127.33.0.0', ['errors']],
    ['single-homed-branch', '127.34.0.0', ['spof']],
  ] as const) {
    it(`${scenario}: new findings are exactly of kinds ${expectedKinds.join(', ')}`, async () => {
      expect(baseline, 'baseline test must run first').toBeDefined();
      const found = structural(await analyseLab(scenario, base));
      const added = [...found].filter((k) => !baseline.has(k));
      const lost = [...baseline].filter((k) => !found.has(k));
      console.log(`${scenario}: added ${JSON.stringify(added)} lost ${JSON.stringify(lost)}`);
      expect(lost).toEqual([]);
      expect(added.length).toBeGreaterThan(0);
      // The planted bottleneck must show (the first kind); secondary symptoms (discards on a saturated link) may lag a
      // short poll; nothing of another kind may appear.
      const kinds = [...new Set(added.map((k) => k.split(' ')[0]))];
      expect(kinds).toContain(expectedKinds[0]);
      for (const k of kinds) expect(expectedKinds as readonly string[]).toContain(k);
    }, 240_000);
  }
});
