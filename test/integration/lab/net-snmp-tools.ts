import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { LabCredentials } from '../../../shared/api/lab';

const run = promisify(execFile);

export interface WalkLine {
  oid: string;
  type: string;
  value: string;
}

/** Debian net-snmp's own clients; -On numeric OIDs, -Oe numeric enums, -Ox hex strings, -t/-r to bound time. */
const common = ['-On', '-Oe', '-Ox', '-t', '2', '-r', '2'];

export function v2cArgs(creds: LabCredentials): string[] {
  return ['-v2c', '-c', creds.snmpV2cCommunity];
}

export function v3Args(creds: LabCredentials): string[] {
  const u = creds.snmpV3;
  return ['-v3', '-l', 'authPriv', '-u', u.user, '-a', 'SHA', '-A', u.authKey, '-x', 'AES', '-X', u.privKey];
}

/** Walks from `root`; snmpwalk itself fails with "OID not increasing" when the agent's order is wrong. */
export async function walk(tool: 'snmpwalk' | 'snmpbulkwalk', auth: string[], target: string, root = '.1'): Promise<{ lines: WalkLine[]; stderr: string; raw: string }> {
  const { stdout, stderr } = await run(tool, [...auth, ...common, target, root], { maxBuffer: 64 * 1024 * 1024 });
  return { lines: parseWalk(stdout), stderr, raw: stdout };
}

export async function snmpGet(auth: string[], target: string, oids: string[]): Promise<WalkLine[]> {
  const { stdout } = await run('snmpget', [...auth, ...common, target, ...oids]);
  return parseWalk(stdout);
}

/** The text of a value that -Ox printed as hex. */
export function text(line: WalkLine | undefined): string {
  if (!line) return '';
  if (line.type !== 'Hex-STRING') return line.value.replace(/^"|"$/g, '');
  return Buffer.from(line.value.replace(/[^0-9A-Fa-f]/g, ''), 'hex').toString('utf8');
}

export async function snmpGetQuick(auth: string[], target: string, oids: string[]): Promise<WalkLine[]> {
  const { stdout } = await run('snmpget', [...auth, '-On', '-t', '1', '-r', '0', target, ...oids]);
  return parseWalk(stdout);
}

export function parseWalk(text: string): WalkLine[] {
  const lines: WalkLine[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\.[\d.]+) = (?:([A-Za-z0-9-]+): )?(.*)$/.exec(line);
    if (m) lines.push({ oid: m[1]!, type: m[2] ?? '', value: m[3]! });
    else if (lines.length > 0 && line !== '') lines.at(-1)!.value += `\n${line}`;
  }
  return lines;
}

export function compareOids(a: string, b: string): number {
  const x = a.split('.').filter(Boolean).map(Number);
  const y = b.split('.').filter(Boolean).map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
