import { Settings } from '../../../shared/api/system';
import type { Store } from './database';

const DEFAULTS: Settings = { theme: 'system', firstLaunchDone: false };

export class SettingsRepo {
  constructor(private readonly store: Store) {}

  async get(): Promise<Settings> {
    const rows = await this.store.db.selectFrom('settings').selectAll().execute();
    const values: Record<string, unknown> = { ...DEFAULTS };
    for (const row of rows) values[row.key] = JSON.parse(row.value_json);
    const parsed = Settings.safeParse(values);
    return parsed.success ? parsed.data : DEFAULTS;
  }

  async update(patch: Partial<Settings>): Promise<Settings> {
    await this.store.db.transaction().execute(async (trx) => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        await trx
          .insertInto('settings')
          .values({ key, value_json: JSON.stringify(value) })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value_json: JSON.stringify(value) }))
          .execute();
      }
    });
    return this.get();
  }
}
