import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStartInput } from '../../../shared/api/lab';
import { type RunningLab, startLab } from '../../../electron/engine/lab/lab-runner';
import { requireTool } from '../../support/require-tool';
import { compareOids, snmpGet, v2cArgs, walk } from './net-snmp-tools';

const ok = requireTool('snmpwalk') && requireTool('snmpget');
const LLDP_REM_CHASSIS = '.1.0.8802.1.1.2.1.4.1.1.5';

describe.skipIf(!ok)('flapping-link scenario over SNMP', () => {
  let lab: RunningLab;

  beforeAll(async () => {
    // Half period of 20 lab-seconds = 1 s of wall time.
    lab = await startLab({ options: LabStartInput.parse({ devices: 12, base: '127.20.105.0', seed: 6, scenario: 'flapping-link', timeScale: 20 }) });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('ifOperStatus flaps and LLDP forgets, then relearns, the neighbour on that port', async () => {
    const link = lab.model.links.find((l) => l.id === lab.model.faults.flappingLinkId)!;
    const dev = lab.model.devices.find((d) => d.id === link.b.deviceId)!;
    const target = `${dev.address}:${dev.snmpPort}`;
    const creds = v2cArgs(lab.model.credentials);
    const seen = { up: false, down: false };
    const deadline = Date.now() + 15_000;
    while (!(seen.up && seen.down) && Date.now() < deadline) {
      const oper = Number((await snmpGet(creds, target, [`.1.3.6.1.2.1.2.2.1.8.${link.b.ifIndex}`]))[0]!.value);
      const { lines, stderr } = await walk('snmpwalk', creds, target, '.1.0.8802.1.1.2.1.4');
      expect(stderr).toBe('');
      for (let i = 1; i < lines.length; i++) if (!/No more variables/.test(lines[i]!.value)) expect(compareOids(lines[i - 1]!.oid, lines[i]!.oid)).toBeLessThan(0);
      const onPort = lines.filter((l) => l.oid.startsWith(`${LLDP_REM_CHASSIS}.0.${link.b.ifIndex}.`));
      const operAfter = Number((await snmpGet(creds, target, [`.1.3.6.1.2.1.2.2.1.8.${link.b.ifIndex}`]))[0]!.value);
      if (oper !== operAfter) continue; // the link changed state during the walk
      if (oper === 1) {
        seen.up = true;
        expect(onPort).toHaveLength(1);
      } else {
        expect(oper).toBe(2);
        // LLDP forgets a neighbour when its port goes down, as devices do: allow the walk to have raced the change.
        if (onPort.length !== 0) continue;
        seen.down = true;
      }
    }
    expect(seen).toEqual({ up: true, down: true });
  });
});
