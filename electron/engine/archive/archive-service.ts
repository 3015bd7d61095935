import type { ConfigChangeEvent, ConfigKind, ConfigVersion } from '../../../shared/api/archive';
import { RoutewiseError } from '../../../shared/api/errors';
import type { Driver } from '../drivers/driver';
import { unifiedDiff } from '../drivers/unified-diff';
import type { AuditChain } from '../store/audit-chain';
import { type ArchiveRepo, summary } from './archive-repo';
import { parseConfigChangeSyslog } from './config-change-attribution';
import { Redactor } from './redact-secrets';

export interface DriverTargetOptions {
  credentialId?: string;
  sshPort: number;
}

export interface ArchiveServiceDeps {
  repo: ArchiveRepo;
  audit: AuditChain;
  /** Opens the driver for an inventory device (the engine resolves address, platform and credential). */
  openDriverFor(deviceId: string, target: DriverTargetOptions): Promise<Driver>;
  onChange?(event: ConfigChangeEvent): void;
  /** After every recorded config (backup, restore, rollout): compliance re-evaluates on this. */
  onRecorded?(deviceId: string, source: string, at: string): void;
  log?(message: string): void;
  now?: () => Date;
}

/** Sources of changes Routewise made itself: a new running version from them is not out-of-band. */
const OWN_SOURCES = new Set(['restore', 'rollout']);

/** Text compared for "startup differs from running": line endings and trailing blank space do not count. */
function comparable(text: string): string {
  return text.replace(/\r/g, '').replace(/[ \t]+$/gm, '').trim();
}

export class ArchiveService {
  private readonly now: () => Date;

  constructor(private readonly deps: ArchiveServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /**
   * Takes running (and startup, where the platform has one) now. A running config that differs from the last known
   * version, or a startup that differs from running, is recorded as a change event.
   */
  async backup(deviceId: string, actor: string, source: string, target: DriverTargetOptions): Promise<{ versions: ConfigVersion[]; stored: number[]; events: ConfigChangeEvent[] }> {
    const drv = await this.deps.openDriverFor(deviceId, target);
    let running: string;
    let startup: string | undefined;
    try {
      running = await drv.runningConfig();
      if (drv.startupConfig) {
        startup = await drv.startupConfig().catch((err: unknown) => {
          this.deps.log?.(`archive ${deviceId}: no startup-config (${err instanceof Error ? err.message : String(err)})`);
          return undefined;
        });
      }
    } finally {
      await drv.close().catch(() => undefined);
    }
    return this.record(deviceId, actor, source, running, startup);
  }

  /** Stores what a driver read (also used by restore and by the rollout engine after a change). */
  async record(deviceId: string, actor: string, source: string, running: string, startup?: string): Promise<{ versions: ConfigVersion[]; stored: number[]; events: ConfigChangeEvent[] }> {
    const at = this.now().toISOString();
    const r = await this.deps.repo.addVersion({ deviceId, kind: 'running', text: running, actor, source, takenAt: at });
    const versions = [r.version];
    const stored = r.stored ? [r.version.id] : [];
    const events: ConfigChangeEvent[] = [];
    if (r.stored && r.previous && !OWN_SOURCES.has(source)) {
      events.push(await this.deps.repo.addEvent({ device_id: deviceId, at, kind: 'running-changed', from_version: r.previous.id, to_version: r.version.id, changed_by: null, attribution_json: null }));
    }
    if (startup !== undefined) {
      const s = await this.deps.repo.addVersion({ deviceId, kind: 'startup', text: startup, actor, source, takenAt: at });
      versions.push(s.version);
      if (s.stored) stored.push(s.version.id);
      if ((r.stored || s.stored) && comparable(startup) !== comparable(running)) {
        events.push(await this.deps.repo.addEvent({ device_id: deviceId, at, kind: 'startup-differs', from_version: s.version.id, to_version: r.version.id, changed_by: null, attribution_json: null }));
      }
    }
    await this.deps.audit.append({ actor, action: 'archive.backup', subject: deviceId, details: { source, versions: versions.map((v) => ({ id: v.id, kind: v.kind, sha256: v.sha256 })), stored, events: events.map((e) => e.kind) } });
    for (const e of events) this.deps.onChange?.(e);
    this.deps.onRecorded?.(deviceId, source, at);
    return { versions: versions.map(summary), stored, events };
  }

  async show(versionId: number, raw: boolean): Promise<ConfigVersion & { text: string; redacted: boolean }> {
    const v = await this.require(versionId);
    return { ...summary(v), text: raw ? v.text : new Redactor().redact(v.text), redacted: !raw };
  }

  async diff(fromId: number, toId?: number): Promise<{ from: ConfigVersion; to: ConfigVersion; diff: string }> {
    const from = await this.require(fromId);
    const to = toId !== undefined ? await this.require(toId) : await this.deps.repo.latest(from.deviceId, from.kind);
    if (!to) throw new RoutewiseError('not-found', `no newer ${from.kind} version of ${from.deviceId}`);
    const r = new Redactor();
    const diff = unifiedDiff(r.redact(from.text), r.redact(to.text), { fromLabel: `version ${from.id} (${from.takenAt})`, toLabel: `version ${to.id} (${to.takenAt})` });
    return { from: summary(from), to: summary(to), diff };
  }

  /**
   * Restores a version through the driver's safe path: load it as a replace candidate, diff, commit with a revert
   * timer, confirm. The audit chain gets the intent before the commit and the outcome after it.
   */
  async restore(
    versionId: number,
    actor: string,
    opts: DriverTargetOptions & { revertAfterSec: number; confirm: boolean; dryRun: boolean },
  ): Promise<{ diff: string; applied: boolean; confirmed: boolean; backupVersionId: number | null }> {
    const v = await this.require(versionId);
    const drv = await this.deps.openDriverFor(v.deviceId, opts);
    try {
      const before = await drv.runningConfig();
      const pre = await this.deps.repo.addVersion({ deviceId: v.deviceId, kind: 'running', text: before, actor, source: 'pre-restore', takenAt: this.now().toISOString() });
      await drv.loadCandidate(v.text, 'replace');
      const diff = new Redactor().redact(await drv.diff());
      if (opts.dryRun || diff.trim() === '') {
        await drv.rollback();
        return { diff, applied: false, confirmed: false, backupVersionId: pre.version.id };
      }
      await this.deps.audit.append({ actor, action: 'archive.restore', subject: v.deviceId, details: { versionId, phase: 'commit', revertAfterSec: opts.revertAfterSec, backupVersionId: pre.version.id, safeChange: drv.safeChange.kind } });
      await drv.commit({ revertAfterSec: opts.revertAfterSec, comment: `routewise restore of version ${versionId}` });
      if (opts.confirm) await drv.confirm();
      const after = await drv.runningConfig();
      await this.record(v.deviceId, actor, 'restore', after);
      await this.deps.audit.append({ actor, action: 'archive.restore', subject: v.deviceId, details: { versionId, phase: opts.confirm ? 'confirmed' : 'pending-revert' } });
      return { diff, applied: true, confirmed: opts.confirm, backupVersionId: pre.version.id };
    } finally {
      await drv.close().catch(() => undefined);
    }
  }

  list(deviceId: string, kind: ConfigKind | undefined, limit: number): Promise<ConfigVersion[]> {
    return this.deps.repo.list(deviceId, kind, limit);
  }

  changes(deviceId: string | undefined, limit: number): Promise<ConfigChangeEvent[]> {
    return this.deps.repo.events(deviceId, limit);
  }

  /** Attributes the device's newest unattributed change from a syslog message that says who made it. */
  async attributeFromSyslog(deviceId: string, message: string): Promise<ConfigChangeEvent | undefined> {
    const who = parseConfigChangeSyslog(message);
    if (!who) return undefined;
    return this.deps.repo.attributeLatest(deviceId, who.user, JSON.stringify(who));
  }

  private async require(id: number) {
    const v = await this.deps.repo.get(id);
    if (!v) throw new RoutewiseError('not-found', `no archived configuration version ${id}`);
    return v;
  }
}
