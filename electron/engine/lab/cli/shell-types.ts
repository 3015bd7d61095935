import type { LabDeviceRuntime } from '../device-runtime';
import type { LabModel } from '../lab-model-types';
import type { TrafficModel } from '../traffic-model';
import type { ConfigStore } from './config-store';

export interface ShellOutput {
  readonly text: string;
  /** End the session after printing (exit/quit/logout). */
  readonly close?: boolean;
}

/** One platform's command interpreter for one SSH session. */
export interface PlatformShell {
  /** What the pager prints between pages ("--More--", "---(more)---"). */
  readonly morePrompt: string;
  /** Paging is on until the session turns it off (terminal length 0, set cli screen-length 0 …). */
  paging: boolean;
  banner(): string;
  prompt(): string;
  run(line: string): ShellOutput;
  /** Ctrl-X (RouterOS safe mode), Ctrl-Z (IOS end) … */
  control?(key: 'ctrl-x' | 'ctrl-z' | 'ctrl-c'): ShellOutput | undefined;
  /** The session ended (RouterOS safe mode reverts here). */
  closed?(): void;
  /** What the platform prints into open sessions when the config store reports an event ("reverted" …). */
  configEvent?(event: string): string | undefined;
}

export interface ShellContext {
  readonly rt: LabDeviceRuntime;
  readonly config: ConfigStore;
  readonly user: string;
  readonly model: LabModel;
  readonly traffic: TrafficModel;
  /** A neighbour's current hostname (it may have been renamed since the lab started). */
  readonly peerName?: (deviceId: string) => string | undefined;
}

export function ok(text = ''): ShellOutput {
  return { text };
}

/** Split a command line into words, keeping "quoted strings" (quotes removed). */
export function words(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/** Prefix matching as every network CLI does it: "sh ver" matches "show version". */
export function matches(input: string[], command: string): boolean {
  const want = command.split(' ');
  if (input.length < want.length) return false;
  return want.every((w, i) => {
    const got = input[i]!.toLowerCase();
    return got.length > 0 && w.startsWith(got);
  });
}

/** Uptime text "1 day, 2 hours, 3 minutes" style. */
export function uptimeText(sec: number): string {
  const d = Math.floor(sec / 86400);
  const h = Math.floor((sec % 86400) / 3600);
  const m = Math.floor((sec % 3600) / 60);
  return `${d} days, ${h} hours, ${m} minutes`;
}

/** Device strings typed over SSH are data: cap them and drop control characters. */
export function cleanInput(line: string): string {
  return line.replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '').slice(0, 4096);
}
