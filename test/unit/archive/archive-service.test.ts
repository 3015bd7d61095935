import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConfigChangeEvent } from '../../../shared/api/archive';
import { ArchiveRepo } from '../../../electron/engine/archive/archive-repo';
import { ArchiveSchedule } from '../../../electron/engine/archive/archive-schedule';
import { ArchiveService } from '../../../electron/engine/archive/archive-service';
import type { Driver } from '../../../electron/engine/drivers/driver';
import { AuditChain } from '../../../electron/engine/store/audit-chain';
import { openStore, type Store } from '../../../electron/engine/store/database';
import { makeTempDir } from '../../support/temp-dir';

/** A device whose running/startup text the test sets; the service reads it through the Driver contract. */
function fakeDevice() {
  const state = { running: 'hostname r1\nsnmp-server community s3cret RO\n', startup: 'hostname r1\nsnmp-server community s3cret RO\n' };
  const driver = {
    runningConfig: async () => state.running,
    startupConfig: async () => state.startup,
    close: async () => undefined,
  } as unknown as Driver;
  return { state, open: async () => driver };
}

describe('ArchiveService on SQLite', () => {
  let tmp: { dir: string; cleanup: () => void };
  let store: Store;
  let audit: AuditChain;
  beforeEach(async () => {
    tmp = makeTempDir('routewise-archive-unit-');
    store = await openStore(tmp.dir);
    audit = new AuditChain(store);
  });
  afterEach(async () => {
    await store.close();
    tmp.cleanup();
  });

  it('stores a version once, records running changes and unsaved startup differences as events, skips its own changes', async () => {
    const dev = fakeDevice();
    const seen: ConfigChangeEvent[] = [];
    const svc = new ArchiveService({ repo: new ArchiveRepo(store), audit, openDriverFor: dev.open, onChange: (e) => seen.push(e) });
    const first = await svc.backup('d1', 'admin', 'on-demand', { sshPort: 22 });
    expect(first.stored).toHaveLength(2);
    expect(first.events).toEqual([]);
    expect((await svc.backup('d1', 'admin', 'schedule', { sshPort: 22 })).stored).toEqual([]);

    dev.state.running = 'hostname r1\nsnmp-server community n3w RO\n';
    const second = await svc.backup('d1', 'system:schedule', 'schedule', { sshPort: 22 });
    expect(second.events.map((e) => e.kind)).toEqual(['running-changed', 'startup-differs']);
    expect(seen).toEqual(second.events);
    // Unchanged again: no duplicate events on the next scheduled run.
    expect((await svc.backup('d1', 'system:schedule', 'schedule', { sshPort: 22 })).events).toEqual([]);

    const diff = await svc.diff(first.versions[0]!.id);
    expect(diff.diff).toContain('-snmp-server community <secret-1> RO');
    expect(diff.diff).toContain('+snmp-server community <secret-2> RO');
    expect(diff.diff).not.toMatch(/s3cret|n3w/);

    dev.state.running = 'hostname r1\n';
    dev.state.startup = 'hostname r1\n';
    const own = await svc.record('d1', 'admin', 'restore', 'hostname r1\n', 'hostname r1\n');
    expect(own.events).toEqual([]);
    expect((await audit.list(100)).filter((e) => e.action === 'archive.backup')).toHaveLength(5);
    expect(await audit.verify()).toMatchObject({ intact: true });
  });

  it('lists newest first and filters by kind', async () => {
    const dev = fakeDevice();
    const svc = new ArchiveService({ repo: new ArchiveRepo(store), audit, openDriverFor: dev.open });
    await svc.backup('d1', 'a', 'on-demand', { sshPort: 22 });
    dev.state.running = 'hostname r2\n';
    await svc.backup('d1', 'a', 'on-demand', { sshPort: 22 });
    const running = await svc.list('d1', 'running', 10);
    expect(running.map((v) => v.kind)).toEqual(['running', 'running']);
    expect(running[0]!.id).toBeGreaterThan(running[1]!.id);
    expect(await svc.list('d1', undefined, 10)).toHaveLength(3);
    await expect(svc.show(12345, false)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('ArchiveSchedule', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs every interval, never two runs at once, and stops', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const schedule = new ArchiveSchedule(
      () =>
        new Promise<void>((resolve) => {
          runs++;
          release = resolve;
        }),
      () => undefined,
    );
    schedule.set(5);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(5 * 60_000); // the first run is still going: skipped
    expect(runs).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(runs).toBe(2);
    schedule.set(0);
    release();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(runs).toBe(2);
  });
});
