import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigStore } from '../../../electron/engine/lab/cli/config-store';
import { applyIosConfigLine, normalizeIosConfig } from '../../../electron/engine/lab/cli/ios-style-config';
import { junosIdentity, renderJunosHierarchy } from '../../../electron/engine/lab/cli/junos-shell';
import type { PlatformShell } from '../../../electron/engine/lab/cli/shell-types';
import { TerminalSession } from '../../../electron/engine/lab/cli/terminal-session';
import { LabDeviceRuntime } from '../../../electron/engine/lab/device-runtime';
import { buildLabModel } from '../../../electron/engine/lab/topology-model';

function runtime(id = 'core1') {
  const model = buildLabModel({ devices: 12, seed: 1, scenario: 'none', base: '127.20.0.0', snmpPort: 16161, sshPort: 2222 });
  return new LabDeviceRuntime(model.devices.find((d) => d.id === id)!);
}

const initial = 'set version 22.4R3-S2\nset system host-name core1\nset snmp location lab\n';

describe('lab config store', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reverts an unconfirmed commit when its (scaled) timer fires, and updates identity both ways', () => {
    const rt = runtime();
    const store = new ConfigStore(rt, initial, { timeScale: 60, identityOf: junosIdentity, pilot: false });
    store.commit(initial.replace('host-name core1', 'host-name core1-new'), 'admin', { confirmWithinMin: 1 });
    expect(rt.identity.hostname).toBe('core1-new');
    expect(store.pendingConfirm?.kind).toBe('commit confirmed');
    vi.advanceTimersByTime(999);
    expect(rt.identity.hostname).toBe('core1-new');
    vi.advanceTimersByTime(2);
    expect(rt.identity.hostname).toBe('core1');
    expect(store.running).toBe(initial);
    expect(store.pendingConfirm).toBeUndefined();
    expect(store.revisions()[0]?.comment).toBe('commit confirmed expired');
  });

  it('keeps a confirmed commit and exposes rollback N', () => {
    const rt = runtime();
    const store = new ConfigStore(rt, initial, { timeScale: 60, identityOf: junosIdentity, pilot: false });
    const next = initial.replace('location lab', 'location "rack 9"');
    store.commit(next, 'admin', { confirmWithinMin: 1 });
    expect(store.confirm()).toBe(true);
    vi.advanceTimersByTime(10_000);
    expect(store.running).toBe(next);
    expect(store.rollbackText(0)).toBe(next);
    expect(store.rollbackText(1)).toBe(initial);
    expect(rt.identity.location).toBe('rack 9');
  });

  it('a second commit confirmed keeps the first revert point', () => {
    const store = new ConfigStore(runtime(), initial, { timeScale: 60, identityOf: junosIdentity, pilot: false });
    store.commit(`${initial}set a 1\n`, 'admin', { confirmWithinMin: 1 });
    store.commit(`${initial}set a 1\nset b 2\n`, 'admin', { confirmWithinMin: 1 });
    vi.advanceTimersByTime(1001);
    expect(store.running).toBe(initial);
  });

  it('a pilot goes dark while a committed change is live and back when it is reverted', () => {
    const rt = runtime('acc1');
    const store = new ConfigStore(rt, initial, { timeScale: 60, identityOf: junosIdentity, pilot: true });
    store.commit(`${initial}set system ntp server 192.0.2.1\n`, 'admin', { confirmWithinMin: 2 });
    expect(rt.dark).toBe(true);
    vi.advanceTimersByTime(2001);
    expect(rt.dark).toBe(false);
  });
});

describe('lab config renderers', () => {
  it('renders Junos set lines as the curly-brace hierarchy', () => {
    const text = [
      'set system host-name core1',
      'set system services ssh',
      'set snmp location "Lab rack 1"',
      'set interfaces xe-0/1/0 unit 0 family inet address 10.254.0.0/31',
      'set interfaces xe-0/1/0 description "to core2"',
    ].join('\n');
    expect(renderJunosHierarchy(text)).toBe(
      [
        'system {', '    host-name core1;', '    services {', '        ssh;', '    }', '}',
        'snmp {', '    location "Lab rack 1";', '}',
        'interfaces {', '    xe-0/1/0 {', '        description "to core2";', '        unit 0 {', '            family inet {', '                address 10.254.0.0/31;', '            }', '        }', '    }', '}',
      ].join('\n'),
    );
  });

  it('applies IOS configuration lines: contexts, single-valued replace, no-forms', () => {
    let text = normalizeIosConfig('hostname r1\n!\ninterface Gi1\n description old\n!\nsnmp-server location a\nend\n');
    let r = applyIosConfigLine(text, undefined, 'interface Gi1', ['interface']);
    r = applyIosConfigLine(r.text, r.context, 'description new', ['interface']);
    r = applyIosConfigLine(r.text, r.context, 'hostname r2', ['interface']);
    expect(r.context).toBeUndefined();
    r = applyIosConfigLine(r.text, r.context, 'no snmp-server location', ['interface']);
    text = r.text;
    expect(text).toContain('hostname r2');
    expect(text).not.toContain('hostname r1');
    expect(text).toMatch(/interface Gi1\n description new\n/);
    expect(text).not.toContain('snmp-server location');
    expect(normalizeIosConfig(text)).toBe(text);
  });
});

describe('lab terminal session', () => {
  it('pages long output and stops paging when the shell turns it off', () => {
    const written: string[] = [];
    const shell: PlatformShell = {
      morePrompt: ' --More-- ',
      paging: true,
      banner: () => '',
      prompt: () => 'r1#',
      run: (line) => {
        if (line === 'terminal length 0') {
          shell.paging = false;
          return { text: '' };
        }
        return { text: Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n') };
      },
    };
    const term = new TerminalSession(shell, { write: (t) => written.push(t), end: () => {} }, 24);
    term.input('show\r');
    expect(written.join('')).toContain(' --More-- ');
    expect(written.join('')).not.toContain('line 59');
    term.input(' ');
    term.input(' ');
    expect(written.join('')).toContain('line 59');
    written.length = 0;
    term.input('terminal length 0\rshow\r');
    expect(written.join('')).not.toContain('--More--');
    expect(written.join('')).toContain('line 59\r\nr1#');
  });
});
