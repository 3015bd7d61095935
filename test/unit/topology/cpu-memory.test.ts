import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCpuMemory } from '../../../electron/engine/topology/metrics/cpu-memory';
import { readSnmprec, SNMPREC_DIR } from '../../support/snmprec';

describe('CPU and memory from real devices (snmprec recordings)', () => {
  it('reads HOST-RESOURCES or the vendor MIB for every recording that has either, within 0–100 %', () => {
    const rows: string[] = [];
    let withCpu = 0;
    for (const f of fs.readdirSync(SNMPREC_DIR).filter((x) => x.endsWith('.snmprec'))) {
      const r = parseCpuMemory(readSnmprec(`${SNMPREC_DIR}/${f}`));
      if (r.cpuPct !== null) withCpu++;
      for (const v of [r.cpuPct, r.memPct]) {
        if (v === null) continue;
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(100);
      }
      rows.push(`${f.padEnd(34)} cpu ${r.cpuPct?.toFixed(1) ?? '-'}  mem ${r.memPct?.toFixed(1) ?? '-'}`);
    }
    console.log(rows.join('\n'));
    expect(withCpu).toBeGreaterThanOrEqual(10);
  });

  it('averages hrProcessorLoad and reads RAM from hrStorage', () => {
    const vb = (oid: string, value: number | string) => ({ oid, type: 'Integer', value });
    expect(
      parseCpuMemory([
        vb('1.3.6.1.2.1.25.3.3.1.2.1', 10), vb('1.3.6.1.2.1.25.3.3.1.2.2', 30),
        { oid: '1.3.6.1.2.1.25.2.3.1.2.1', type: 'OID', value: '1.3.6.1.2.1.25.2.1.2' }, vb('1.3.6.1.2.1.25.2.3.1.5.1', 1000), vb('1.3.6.1.2.1.25.2.3.1.6.1', 250),
      ]),
    ).toEqual({ cpuPct: 20, memPct: 25 });
    expect(parseCpuMemory([])).toEqual({ cpuPct: null, memPct: null });
  });
});
