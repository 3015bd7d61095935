import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCdpCache } from '../../../electron/engine/topology/neighbors/cdp';
import { localInterfaces } from '../../../electron/engine/topology/neighbors/if-names';
import { parseLldpLocal, parseLldpRemotes } from '../../../electron/engine/topology/neighbors/lldp';
import { readSnmprec, SNMPREC_DIR } from '../../support/snmprec';

interface OracleLink {
  protocol: string;
  remote_hostname: string;
  remote_port: string;
  ifName: string;
}

function neighboursOf(file: string) {
  const vbs = readSnmprec(`${SNMPREC_DIR}/${file}.snmprec`);
  const ifaces = localInterfaces(vbs);
  return [...parseLldpRemotes(vbs, parseLldpLocal(vbs), ifaces), ...parseCdpCache(vbs, ifaces)];
}

const norm = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

describe('LLDP and CDP neighbours from real devices (snmprec recordings)', () => {
  it('agree with LibreNMS on (local interface, remote host, remote port) for every recording that has neighbours', () => {
    const files = fs.readdirSync(SNMPREC_DIR).filter((f) => f.endsWith('.librenms.json'));
    const rows: string[] = [];
    let expected = 0;
    let found = 0;
    for (const json of files) {
      const oracle = JSON.parse(fs.readFileSync(`${SNMPREC_DIR}/${json}`, 'utf8')) as {
        'discovery-protocols'?: { discovery?: { links?: OracleLink[] } };
      };
      const links = oracle['discovery-protocols']?.discovery?.links ?? [];
      if (links.length === 0) continue;
      const name = json.replace('.librenms.json', '');
      const ours = neighboursOf(name);
      let hits = 0;
      for (const l of links) {
        // LibreNMS writes the port as "<id> (<mac>)" for MAC/local subtypes: compare the first token.
        const port = norm(l.remote_port.split(' (')[0]);
        const match = ours.some(
          (n) =>
            norm(n.localIfName) === norm(l.ifName) &&
            norm(n.remoteSysName ?? n.remoteChassisId) === norm(l.remote_hostname) &&
            [norm(n.remotePortId), norm(n.remotePortDesc)].includes(port),
        );
        if (match) hits++;
      }
      expected += links.length;
      found += hits;
      rows.push(`${name.padEnd(26)} oracle ${String(links.length).padStart(3)}  ours ${String(ours.length).padStart(3)}  matched ${hits}`);
    }
    console.log(`neighbour agreement with LibreNMS:\n${rows.join('\n')}\n  total ${found}/${expected}`);
    expect(expected).toBeGreaterThan(80);
    expect(found / expected).toBeGreaterThanOrEqual(0.9);
  });

  it('decodes chassis IDs by subtype and keeps management addresses (Arista, FortiGate, NX-OS)', () => {
    const arista = neighboursOf('arista_eos');
    expect(arista).toHaveLength(6);
    expect(arista[0]).toMatchObject({ localIfName: 'Ethernet1', remoteChassisIdSubtype: 'macAddress', remoteChassisId: '00:1b:21:bb:e6:f0' });
    expect(neighboursOf('fortigate_60fospfv3').flatMap((n) => n.remoteMgmtAddresses)).toContain('10.0.11.4');
    const nx = neighboursOf('nxos_n3k-3064pq');
    expect(nx.find((n) => n.protocol === 'lldp')).toMatchObject({ localIfName: 'Ethernet1/49', remotePortId: 'Ethernet1/49', remoteMgmtAddresses: ['172.30.192.161'] });
  });

  it('reads CDP caches with the Cisco platform and IPv4 address (IOS-XE)', () => {
    const cdp = neighboursOf('iosxe_c9500h-svl');
    expect(cdp).toHaveLength(15);
    expect(cdp).toContainEqual(expect.objectContaining({
      protocol: 'cdp', remoteSysName: 'f241-01-18-tor-sw.cisco.com', remotePortId: 'GigabitEthernet1/0/3',
      remotePlatform: 'cisco WS-C2960X-48FPD-L', remoteMgmtAddresses: ['10.207.164.72'],
    }));
  });

  it('accepts the non-standard lldpRemTable index shapes of RouterOS 6 and TP-Link', () => {
    const routeros = neighboursOf('routeros');
    expect(routeros.length).toBeGreaterThanOrEqual(10);
    expect(routeros.every((n) => n.remoteChassisId)).toBe(true);
    expect(neighboursOf('jetstream_vlans')).toHaveLength(5);
  });
});
