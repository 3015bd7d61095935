import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStartInput } from '../../../shared/api/lab';
import { type RunningLab, startLab } from '../../../electron/engine/lab/lab-runner';
import { requireTool } from '../../support/require-tool';
import { compareOids, snmpGet, snmpGetQuick, text, v2cArgs, v3Args, walk, type WalkLine } from './net-snmp-tools';

const ok = requireTool('snmpwalk') && requireTool('snmpbulkwalk') && requireTool('snmpget');

const LLDP_REM = '.1.0.8802.1.1.2.1.4.1.1';
const LLDP_LOC_PORT_ID = '.1.0.8802.1.1.2.1.3.7.1.3';
const LLDP_LOC_CHASSIS = '.1.0.8802.1.1.2.1.3.2.0';

function under(lines: WalkLine[], prefix: string): WalkLine[] {
  return lines.filter((l) => l.oid.startsWith(`${prefix}.`));
}

describe.skipIf(!ok)('lab SNMP agents against Debian net-snmp clients', () => {
  let lab: RunningLab;
  const walksV2c = new Map<string, WalkLine[]>();

  beforeAll(async () => {
    lab = await startLab({ options: LabStartInput.parse({ devices: 12, base: '127.20.100.0', seed: 3, scenario: 'crc-errors' }) });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('snmpwalk v2c walks every device completely, OIDs strictly increasing', async () => {
    for (const d of lab.model.devices) {
      const { lines, stderr } = await walk('snmpwalk', v2cArgs(lab.model.credentials), `${d.address}:${d.snmpPort}`);
      expect(stderr, d.id).toBe('');
      const end = lines.at(-1)!;
      expect(end.value, d.id).toMatch(/No more variables left/);
      const body = lines.slice(0, -1);
      for (let i = 1; i < body.length; i++) expect(compareOids(body[i - 1]!.oid, body[i]!.oid), `${d.id} at ${body[i]!.oid}`).toBeLessThan(0);
      walksV2c.set(d.id, body);

      // What each table must hold for this device.
      expect(body.find((l) => l.oid === '.1.3.6.1.2.1.1.2.0')?.value).toBe(`.${d.spec.sysObjectID}`);
      expect(under(body, '.1.3.6.1.2.1.31.1.1.1.6')).toHaveLength(d.interfaces.length);
      expect(under(body, '.1.3.6.1.2.1.31.1.1.1.6')[0]!.type).toBe('Counter64');
      expect(under(body, `${LLDP_REM}.5`)).toHaveLength(d.lldp.length);
      expect(under(body, '.1.0.8802.1.1.2.1.4.2.1.3')).toHaveLength(d.lldp.length);
      expect(under(body, '.1.3.6.1.2.1.4.22.1.2')).toHaveLength(d.arp.length);
      expect(under(body, '.1.3.6.1.2.1.17.7.1.2.2.1.2')).toHaveLength(d.fdb?.length ?? 0);
      expect(under(body, '.1.3.6.1.2.1.17.4.3.1.2')).toHaveLength(d.fdb?.length ?? 0);
      expect(text(body.find((l) => l.oid === '.1.3.6.1.2.1.47.1.1.1.1.11.1'))).toBe(d.serial);
      expect(text(body.find((l) => l.oid === '.1.3.6.1.2.1.1.1.0'))).toBe(d.spec.sysDescr(d.hostname));
      expect(body.find((l) => l.oid === '.1.3.6.1.2.1.25.3.3.1.2.768')?.type).toBe('INTEGER');
      // Vendor scalars identification prefers over sysDescr.
      if (d.platform === 'fortios') expect(text(body.find((l) => l.oid === '.1.3.6.1.4.1.12356.101.4.1.1.0'))).toMatch(/^v7\.4\.3,build2573,/);
      if (d.platform === 'junos') expect(text(body.find((l) => l.oid === '.1.3.6.1.4.1.2636.3.1.3.0'))).toBe(d.serial);
      if (d.platform === 'routeros') expect(text(body.find((l) => l.oid === '.1.3.6.1.4.1.14988.1.1.4.4.0'))).toBe(d.spec.osVersion);
    }
  });

  it('snmpbulkwalk v3 authPriv (SHA/AES) returns the same OIDs', async () => {
    for (const d of lab.model.devices) {
      const { lines, stderr } = await walk('snmpbulkwalk', v3Args(lab.model.credentials), `${d.address}:${d.snmpPort}`);
      expect(stderr, d.id).toBe('');
      const oids = lines.filter((l) => !/No more variables/.test(l.value)).map((l) => l.oid);
      expect(oids).toEqual(walksV2c.get(d.id)!.map((l) => l.oid));
    }
  });

  it('refuses a wrong community and a wrong v3 key', async () => {
    const d = lab.model.devices[0]!;
    await expect(snmpGetQuick(['-v2c', '-c', 'not-the-community'], `${d.address}:${d.snmpPort}`, ['.1.3.6.1.2.1.1.5.0'])).rejects.toThrow(/Timeout/);
    const wrongKey = v3Args(lab.model.credentials).map((a) => (a === lab.model.credentials.snmpV3.privKey ? 'wrong-priv-key' : a));
    await expect(snmpGetQuick(wrongKey, `${d.address}:${d.snmpPort}`, ['.1.3.6.1.2.1.1.5.0'])).rejects.toThrow();
  });

  it('LLDP agrees: every remote entry has its mirror on the neighbour, down to the port', () => {
    const hex = (s: string) => s.replace(/[^0-9A-Fa-f]/g, '').toLowerCase();
    const byChassis = new Map<string, string>();
    for (const [id, lines] of walksV2c) byChassis.set(hex(lines.find((l) => l.oid === LLDP_LOC_CHASSIS)!.value), id);
    let checked = 0;
    for (const [id, lines] of walksV2c) {
      const myChassis = hex(lines.find((l) => l.oid === LLDP_LOC_CHASSIS)!.value);
      for (const rem of under(lines, `${LLDP_REM}.5`)) {
        const index = rem.oid.slice(`${LLDP_REM}.5.`.length); // timeMark.localPort.remIndex
        const peerId = byChassis.get(hex(rem.value));
        expect(peerId, `${id} sees an unknown chassis ${rem.value}`).toBeDefined();
        const peer = walksV2c.get(peerId!)!;
        // The remote port ID must be one of the neighbour's own lldpLocPortId values…
        const remPortId = lines.find((l) => l.oid === `${LLDP_REM}.7.${index}`)!.value;
        const peerPort = under(peer, LLDP_LOC_PORT_ID).find((l) => hex(l.value) === hex(remPortId) || l.value === remPortId);
        expect(peerPort, `${id} → ${peerId} port ${remPortId}`).toBeDefined();
        const peerPortNum = peerPort!.oid.split('.').at(-1);
        // …and on that port the neighbour must see us.
        const mirror = under(peer, `${LLDP_REM}.5`).filter((l) => l.oid.split('.').at(-2) === peerPortNum && hex(l.value) === myChassis);
        expect(mirror, `${peerId} port ${peerPortNum} does not see ${id}`).toHaveLength(1);
        checked++;
      }
    }
    expect(checked).toBe(2 * lab.model.links.filter((l) => l.state === 'up').length);
  });

  it('64-bit counters move between polls, and the crc-errors port gains input errors', async () => {
    const d = lab.model.devices.find((x) => x.interfaces.some((i) => i.kind === 'link'))!;
    const iface = d.interfaces.find((i) => i.kind === 'link')!;
    const target = `${d.address}:${d.snmpPort}`;
    const first = BigInt((await snmpGet(v2cArgs(lab.model.credentials), target, [`.1.3.6.1.2.1.31.1.1.1.6.${iface.ifIndex}`]))[0]!.value);
    let second = first;
    const deadline = Date.now() + 5000;
    while (second === first && Date.now() < deadline) {
      second = BigInt((await snmpGet(v2cArgs(lab.model.credentials), target, [`.1.3.6.1.2.1.31.1.1.1.6.${iface.ifIndex}`]))[0]!.value);
    }
    expect(second).toBeGreaterThan(first);

    const crc = lab.model.faults.crcPorts[0]!;
    const crcDevice = lab.model.devices.find((x) => x.id === crc.deviceId)!;
    const errOid = `.1.3.6.1.2.1.2.2.1.14.${crc.ifIndex}`;
    const readErrors = async () => Number((await snmpGet(v2cArgs(lab.model.credentials), `${crcDevice.address}:${crcDevice.snmpPort}`, [errOid]))[0]!.value);
    const e1 = await readErrors();
    let e2 = e1;
    const deadline2 = Date.now() + 10_000;
    while (e2 === e1 && Date.now() < deadline2) e2 = await readErrors();
    expect(e2).toBeGreaterThan(e1);
  });
});
