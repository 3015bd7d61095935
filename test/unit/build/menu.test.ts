import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_VIEWS, type AppView } from '../../../shared/api/bridge';
import { buildMenuTemplate } from '../../../electron/main/menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('app menu', () => {
  it('binds CmdOrCtrl+1…9 to the nine views, in navigation order, each sending that view', () => {
    const sent: AppView[] = [];
    const items = flatten(buildMenuTemplate({ isMac: false, isDev: false, onNavigate: (v) => sent.push(v) }));
    const views = items.filter((i) => i.id?.startsWith('view-'));
    expect(views.map((v) => v.accelerator)).toEqual(APP_VIEWS.map((_, i) => `CmdOrCtrl+${i + 1}`));
    expect(views.map((v) => v.label)).toEqual(['Inventory', 'Map', 'Bottlenecks', 'Rollouts', 'Threats', 'Compliance', 'Lab', 'Settings', 'AI services']);
    for (const v of views) (v.click as () => void)();
    expect(sent).toEqual([...APP_VIEWS]);
  });

  it('has no accelerator twice', () => {
    const accelerators = flatten(buildMenuTemplate({ isMac: true, isDev: true, onNavigate: () => undefined }))
      .map((i) => i.accelerator)
      .filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('offers reload and DevTools only in development', () => {
    const roles = (isDev: boolean) => flatten(buildMenuTemplate({ isMac: false, isDev, onNavigate: () => undefined })).map((i) => i.role);
    expect(roles(false)).not.toContain('toggleDevTools');
    expect(roles(false)).not.toContain('reload');
    expect(roles(true)).toContain('toggleDevTools');
  });
});
