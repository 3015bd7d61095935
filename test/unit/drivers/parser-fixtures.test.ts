import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEosInterfacesStatus, parseEosLldp, parseEosShowVersion } from '../../../electron/engine/drivers/parsers/eos-parsers';
import { parseFortiosInterfaceConfig, parseFortiosLldp, parseFortiosRevisionIds, parseFortiosStatus } from '../../../electron/engine/drivers/parsers/fortios-parsers';
import { parseFrrInterfaceBrief, parseFrrVersion, parseLldpcliNeighbors } from '../../../electron/engine/drivers/parsers/frr-parsers';
import { parseIosLldpDetail, parseIosShowInterfaces, parseIosShowVersion } from '../../../electron/engine/drivers/parsers/iosxe-parsers';
import { parseJunosChassisSerial, parseJunosInterfacesTerse, parseJunosLldp, parseJunosShowVersion, parseJunosUptime } from '../../../electron/engine/drivers/parsers/junos-parsers';
import { parseRouterosFacts, parseRouterosInterfaces, parseRouterosKv, parseRouterosNeighbors, stripRouterosExportStamp } from '../../../electron/engine/drivers/parsers/routeros-parsers';

/**
 * Recorded command output per platform (test/fixtures/drivers/<platform>/<command>/<case>.txt), each with the
 * parse result it must give (<case>.json). The outputs follow the vendors' command references; see the README there.
 */
const PARSERS: Record<string, (text: string) => unknown> = {
  'iosxe/show-version': parseIosShowVersion,
  'iosxe/show-interfaces': parseIosShowInterfaces,
  'iosxe/show-lldp-neighbors-detail': parseIosLldpDetail,
  'junos/show-version': parseJunosShowVersion,
  'junos/show-system-uptime': (t) => ({ uptimeSec: parseJunosUptime(t) }),
  'junos/show-interfaces-terse': parseJunosInterfacesTerse,
  'junos/show-lldp-neighbors': parseJunosLldp,
  'junos/show-chassis-hardware': (t) => ({ serial: parseJunosChassisSerial(t) }),
  'eos/show-version': (t) => parseEosShowVersion(t, 'from-running-config'),
  'eos/show-interfaces-status': parseEosInterfacesStatus,
  'eos/show-lldp-neighbors': parseEosLldp,
  'routeros/system-resource-print': (t) => parseRouterosFacts('  name: r1', t, ''),
  'routeros/system-routerboard-print': (t) => Object.fromEntries(parseRouterosKv(t)),
  'routeros/interface-print': parseRouterosInterfaces,
  'routeros/ip-neighbor-print': parseRouterosNeighbors,
  'routeros/export': (t) => ({ text: stripRouterosExportStamp(t) }),
  'fortios/get-system-status': parseFortiosStatus,
  'fortios/show-system-interface': parseFortiosInterfaceConfig,
  'fortios/diagnose-lldprx-neighbor-summary': parseFortiosLldp,
  'fortios/execute-revision-list-config': parseFortiosRevisionIds,
  'frr/show-version': (t) => parseFrrVersion(t, 'frr-edge', '1234567.89 2345678.90'),
  'frr/show-interface-brief': parseFrrInterfaceBrief,
  'frr/lldpcli-show-neighbors': parseLldpcliNeighbors,
};

const ROOT = path.resolve(__dirname, '../../fixtures/drivers');

function cases(): Array<{ key: string; name: string; txt: string; json: string }> {
  const out: Array<{ key: string; name: string; txt: string; json: string }> = [];
  for (const platform of fs.readdirSync(ROOT).filter((p) => fs.statSync(path.join(ROOT, p)).isDirectory())) {
    for (const command of fs.readdirSync(path.join(ROOT, platform))) {
      for (const file of fs.readdirSync(path.join(ROOT, platform, command)).filter((f) => f.endsWith('.txt'))) {
        const base = path.join(ROOT, platform, command, file.slice(0, -4));
        out.push({ key: `${platform}/${command}`, name: file.slice(0, -4), txt: `${base}.txt`, json: `${base}.json` });
      }
    }
  }
  return out;
}

describe('driver parsers on recorded output', () => {
  const all = cases();
  it('has a parser and an expected result for every fixture, and a fixture for every parser', () => {
    expect(all.length).toBeGreaterThan(20);
    for (const c of all) {
      expect(PARSERS[c.key], `parser for ${c.key}`).toBeDefined();
      expect(fs.existsSync(c.json), `${c.json}`).toBe(true);
    }
    expect(new Set(all.map((c) => c.key))).toEqual(new Set(Object.keys(PARSERS)));
  });

  it.each(all.map((c) => [`${c.key}/${c.name}`, c] as const))('%s', (_name, c) => {
    const parsed = JSON.parse(JSON.stringify(PARSERS[c.key]!(fs.readFileSync(c.txt, 'utf8')))) as unknown;
    if (process.env.ROUTEWISE_WRITE_FIXTURES === '1' && !fs.existsSync(c.json)) fs.writeFileSync(c.json, `${JSON.stringify(parsed, null, 2)}\n`);
    expect(parsed).toEqual(JSON.parse(fs.readFileSync(c.json, 'utf8')));
  });
});
