import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyOverSnmp, type SnmpIdentification } from '../../../electron/engine/discovery/identify/identify-snmp';
import { openSnmpSession } from '../../../electron/engine/snmp/snmp-session';
import { requireTool } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';
import { agrees, ORACLE_FIELDS, ours, readOracle } from './librenms-oracle';
import { recordingNames, SNMPREC_DIR, startSnmpsim } from './snmpsim-server';

// Port range of this suite: UDP 16100-16149 on loopback.
const PORT = 16101;
const ok = requireTool('snmpsimd', 'snmpsim (snmpsimd) is not installed');

describe.skipIf(!ok)('identification of every snmprec recording, against the LibreNMS oracle', () => {
  let sim: ReturnType<typeof startSnmpsim> | undefined;
  const tmp = makeTempDir('rw-snmpsim-');
  const results = new Map<string, SnmpIdentification>();

  beforeAll(() => {
    // snmpsimd drops to nobody, which must be able to reach its run dir inside our temp dir.
    fs.chmodSync(tmp.dir, 0o755);
    sim = startSnmpsim(SNMPREC_DIR, PORT, path.join(tmp.dir, 'run'));
  });
  afterAll(async () => {
    await sim?.stop();
    tmp.cleanup();
  });

  it('identifies all 29 recordings over SNMPv2c (community = file name)', async () => {
    const names = recordingNames();
    expect(names).toHaveLength(29);
    for (const name of names) {
      const session = openSnmpSession({ host: '127.0.0.1', port: PORT }, { id: `t-${name}`, kind: 'snmp-v2c', label: name, community: name }, { timeoutMs: 3000, retries: 1 });
      try {
        results.set(name, await identifyOverSnmp(session));
      } finally {
        session.close();
      }
    }
    for (const [name, r] of results) {
      expect(r.facts.sysDescr ?? r.facts.sysObjectID, name).toBeTruthy();
      expect(r.interfaces.length, `${name} interfaces`).toBeGreaterThan(0);
      expect(r.facts.platform, `${name} platform`).not.toBe('unknown');
    }
  });

  it('agrees with the oracle on at least 90% of the fields it names (os, version, hardware, serial)', () => {
    expect(results.size).toBe(29);
    const rows: { file: string; field: string; ours: string; oracle: string; ok: boolean }[] = [];
    for (const [name, r] of results) {
      const oracle = readOracle(path.join(SNMPREC_DIR, `${name}.librenms.json`));
      for (const field of ORACLE_FIELDS) {
        const want = oracle[field];
        if (want === undefined) continue;
        const got = ours(r.facts, field);
        rows.push({ file: name, field, ours: got ?? '—', oracle: want, ok: agrees(field, got, want) });
      }
    }
    const pad = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n));
    const lines = [`${pad('file', 24)} ${pad('field', 9)} ${pad('ours', 34)} ${pad('oracle', 44)} ok`];
    for (const r of rows) lines.push(`${pad(r.file, 24)} ${pad(r.field, 9)} ${pad(r.ours, 34)} ${pad(r.oracle, 44)} ${r.ok ? 'yes' : 'NO'}`);
    const agreed = rows.filter((r) => r.ok).length;
    const pct = (100 * agreed) / rows.length;
    lines.push(`agreement: ${agreed}/${rows.length} = ${pct.toFixed(1)}%`);
    console.log(lines.join('\n'));
    expect(rows.length).toBeGreaterThan(80);
    expect(pct).toBeGreaterThanOrEqual(90);
  });

  it('finds the interfaces the oracle lists (ifIndex sets)', () => {
    let matched = 0;
    let total = 0;
    for (const [name, r] of results) {
      const oracleIfs = readOraclePorts(path.join(SNMPREC_DIR, `${name}.librenms.json`));
      const mine = new Set(r.interfaces.map((i) => i.ifIndex));
      total += oracleIfs.length;
      matched += oracleIfs.filter((i) => mine.has(i)).length;
    }
    console.log(`interfaces found: ${matched}/${total}`);
    expect(matched / total).toBeGreaterThanOrEqual(0.95);
  });
});

function readOraclePorts(file: string): number[] {
  const j = JSON.parse(fs.readFileSync(file, 'utf8')) as { ports?: { discovery?: { ports?: { ifIndex?: unknown }[] } } };
  return (j.ports?.discovery?.ports ?? []).map((p) => p.ifIndex).filter((i): i is number => typeof i === 'number');
}
