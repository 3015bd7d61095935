import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedSshFacts } from '../../../../electron/engine/discovery/identify/ssh-facts';
import { parseFortiosSystemStatus } from '../../../../electron/engine/discovery/identify/ssh-parse-fortios';
import { parseFrrVersion, parseOsRelease, parseUname } from '../../../../electron/engine/discovery/identify/ssh-parse-linux';
import { parseRouterosResource, parseRouterosRouterboard } from '../../../../electron/engine/discovery/identify/ssh-parse-routeros';
import { isCliError, parseShowVersion } from '../../../../electron/engine/discovery/identify/ssh-parse-show-version';

/** test/fixtures/ssh/<platform>/<command>/<case>.txt, each with the expected <case>.json beside it. */
const FIXTURES = path.resolve(__dirname, '../../../fixtures/ssh');

const PARSERS: Record<string, (text: string) => ParsedSshFacts | undefined> = {
  show_version: parseShowVersion,
  get_system_status: parseFortiosSystemStatus,
  system_resource_print: parseRouterosResource,
  system_routerboard_print: parseRouterosRouterboard,
  uname_a: parseUname,
  'cat_etc_os-release': parseOsRelease,
  vtysh_show_version: parseFrrVersion,
};

interface FixtureCase {
  platform: string;
  command: string;
  name: string;
  textFile: string;
  jsonFile: string;
}

function listCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const platform of fs.readdirSync(FIXTURES)) {
    const pdir = path.join(FIXTURES, platform);
    if (!fs.statSync(pdir).isDirectory()) continue;
    for (const command of fs.readdirSync(pdir)) {
      for (const file of fs.readdirSync(path.join(pdir, command)).filter((f) => f.endsWith('.txt'))) {
        const name = file.slice(0, -4);
        cases.push({ platform, command, name, textFile: path.join(pdir, command, file), jsonFile: path.join(pdir, command, `${name}.json`) });
      }
    }
  }
  return cases;
}

const cases = listCases();

describe('ssh parsers on recorded-style output', () => {
  it('has fixtures for every platform identify-ssh knows', () => {
    const platforms = new Set(cases.map((c) => c.platform));
    for (const p of ['ios', 'iosxe', 'nxos', 'asa', 'iosxr', 'eos', 'junos', 'fortios', 'routeros', 'linux', 'frr']) expect(platforms).toContain(p);
  });

  for (const c of cases) {
    it(`${c.platform}/${c.command}/${c.name}`, () => {
      const parse = PARSERS[c.command];
      expect(parse, `no parser registered for ${c.command}`).toBeDefined();
      const text = fs.readFileSync(c.textFile, 'utf8');
      const expected = JSON.parse(fs.readFileSync(c.jsonFile, 'utf8')) as ParsedSshFacts;
      expect(parse?.(text)).toEqual(expected);
      // CRLF from a pty must parse the same.
      expect(parse?.(text.replace(/\n/g, '\r\n'))).toEqual(expected);
    });
  }
});

describe('ssh parser edge cases', () => {
  it('does not claim output that is not a show version', () => {
    expect(parseShowVersion("% Invalid input detected at '^' marker.")).toBeUndefined();
    expect(parseShowVersion('')).toBeUndefined();
    expect(parseUname('uname: command not found')).toBeUndefined();
    expect(parseFrrVersion('% Can\'t open configuration file /etc/frr/vtysh.conf')).toBeUndefined();
  });

  it('caps hostile field values and drops control characters', () => {
    const hostile = `Arista ${'A'.repeat(5000)}\nSoftware image version: 4.1\x1b[31m<img src=x onerror=alert(1)>\nSerial number: X\x07Y`;
    const facts = parseShowVersion(hostile);
    expect(facts?.model?.length).toBeLessThanOrEqual(128);
    expect(facts?.osVersion?.startsWith('4.1')).toBe(true);
    for (const v of Object.values(facts ?? {})) expect(v).not.toMatch(/[\x00-\x1f\x7f]/);
  });

  it('recognises CLI error replies across platforms', () => {
    for (const reply of [
      "          ^\n% Invalid input detected at '^' marker.",
      'syntax error, expecting <command>.',
      'Command fail. Return code -61',
      'bad command name get (line 1 column 1)',
      '% Unknown command.',
      '-bash: show: command not found',
    ]) {
      expect(isCliError(reply), reply).toBe(true);
    }
    expect(isCliError(fs.readFileSync(path.join(FIXTURES, 'ios/show_version/c2911-ios15.txt'), 'utf8'))).toBe(false);
  });
});
