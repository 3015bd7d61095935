import { createHash } from 'node:crypto';
import type { ConfigChangeEvent, ConfigKind, ConfigVersion } from '../../../shared/api/archive';
import type { Store } from '../store/database';
import type { ConfigChangeEventsTable, ConfigVersionsTable } from './archive-migration';

type VersionRow = Omit<ConfigVersionsTable, 'id'> & { id: number };
type EventRow = Omit<ConfigChangeEventsTable, 'id'> & { id: number };

export interface StoredVersion extends ConfigVersion {
  text: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function toVersion(r: VersionRow): StoredVersion {
  return {
    id: r.id,
    deviceId: r.device_id,
    kind: r.kind as ConfigKind,
    sha256: r.sha256,
    takenAt: r.taken_at,
    actor: r.actor,
    source: r.source,
    bytes: Buffer.byteLength(r.text),
    text: r.text,
  };
}

function toEvent(r: EventRow): ConfigChangeEvent {
  return {
    id: r.id,
    deviceId: r.device_id,
    at: r.at,
    kind: r.kind as ConfigChangeEvent['kind'],
    fromVersion: r.from_version,
    toVersion: r.to_version,
    changedBy: r.changed_by,
  };
}

export function summary(v: StoredVersion): ConfigVersion {
  const { text: _text, ...rest } = v;
  return rest;
}

/** config_versions and config_change_events behind one repository (Kysely: SQLite today, PostgreSQL later). */
export class ArchiveRepo {
  constructor(private readonly store: Store) {}

  /** Stores the text unless it equals the newest version of that device and kind; returns that version either way. */
  async addVersion(input: { deviceId: string; kind: ConfigKind; text: string; actor: string; source: string; takenAt: string }): Promise<{ version: StoredVersion; stored: boolean; previous?: StoredVersion }> {
    return this.store.db.transaction().execute(async (trx) => {
      const prevRow = await trx
        .selectFrom('config_versions')
        .selectAll()
        .where('device_id', '=', input.deviceId)
        .where('kind', '=', input.kind)
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      const previous = prevRow ? toVersion(prevRow) : undefined;
      const hash = sha256(input.text);
      if (previous && previous.sha256 === hash) return { version: previous, stored: false, previous };
      const row = { device_id: input.deviceId, kind: input.kind, sha256: hash, text: input.text, taken_at: input.takenAt, actor: input.actor, source: input.source };
      const res = await trx.insertInto('config_versions').values(row).returning('id').executeTakeFirstOrThrow();
      return { version: toVersion({ ...row, id: res.id }), stored: true, ...(previous ? { previous } : {}) };
    });
  }

  async get(id: number): Promise<StoredVersion | undefined> {
    const row = await this.store.db.selectFrom('config_versions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toVersion(row) : undefined;
  }

  async latest(deviceId: string, kind: ConfigKind): Promise<StoredVersion | undefined> {
    const row = await this.store.db
      .selectFrom('config_versions')
      .selectAll()
      .where('device_id', '=', deviceId)
      .where('kind', '=', kind)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toVersion(row) : undefined;
  }

  async list(deviceId: string, kind: ConfigKind | undefined, limit: number): Promise<ConfigVersion[]> {
    let q = this.store.db.selectFrom('config_versions').selectAll().where('device_id', '=', deviceId);
    if (kind) q = q.where('kind', '=', kind);
    const rows = await q.orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => summary(toVersion(r)));
  }

  async addEvent(input: Omit<EventRow, 'id'>): Promise<ConfigChangeEvent> {
    const res = await this.store.db.insertInto('config_change_events').values(input).returning('id').executeTakeFirstOrThrow();
    return toEvent({ ...input, id: res.id });
  }

  async events(deviceId: string | undefined, limit: number): Promise<ConfigChangeEvent[]> {
    let q = this.store.db.selectFrom('config_change_events').selectAll();
    if (deviceId) q = q.where('device_id', '=', deviceId);
    const rows = await q.orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toEvent);
  }

  /**
   * Attaches who changed it to the newest unattributed running-config change of the device; returns it, if any.
   * (A `startup-differs` event is the consequence of that change not being saved, not a change of its own.)
   */
  async attributeLatest(deviceId: string, changedBy: string, attributionJson: string): Promise<ConfigChangeEvent | undefined> {
    const row = await this.store.db
      .selectFrom('config_change_events')
      .selectAll()
      .where('device_id', '=', deviceId)
      .where('kind', '=', 'running-changed')
      .where('changed_by', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return undefined;
    await this.store.db.updateTable('config_change_events').set({ changed_by: changedBy, attribution_json: attributionJson }).where('id', '=', row.id).execute();
    return toEvent({ ...row, changed_by: changedBy, attribution_json: attributionJson });
  }
}
