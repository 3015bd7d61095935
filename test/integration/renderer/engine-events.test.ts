import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostCommand } from '../../../shared/api/bridge';
import { type Engine, createEngine } from '../../../electron/engine/engine';
import { connectInProcess } from '../../../electron/engine/rpc/in-process';
import type { EngineConnection } from '../../../renderer/src/api/connect';
import { setEngineApi } from '../../../renderer/src/api/engine-api';
import { wireEngineEvents } from '../../../renderer/src/api/engine-events';
import type { LinkState } from '../../../renderer/src/api/ws-transport';
import { useAuditStore } from '../../../renderer/src/features/audit/audit-store';
import { useConnectionStore } from '../../../renderer/src/features/connection/connection-store';
import { useCredentialsStore } from '../../../renderer/src/features/credentials/credentials-store';
import { useEngineLogStore } from '../../../renderer/src/features/engine-log/engine-log-store';
import { useNavigationStore } from '../../../renderer/src/features/navigation/navigation-store';
import { useSettingsStore } from '../../../renderer/src/features/settings/settings-store';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The renderer's stores fed by a real engine (in-process, through the same JSON + schema validation as the
 * WebSocket): what engine-events loads on connect, and what pushed events and menu commands change.
 */
describe('engine-events feeds the stores from a real engine', () => {
  const tmp = makeTempDir('routewise-renderer-');
  let engine: Engine;
  let close: () => void;
  const linkListeners = new Set<(l: LinkState) => void>();
  const commandListeners = new Set<(c: HostCommand) => void>();
  let link: LinkState = { phase: 'connecting', attempt: 1 };
  const setLink = (l: LinkState) => {
    link = l;
    linkListeners.forEach((fn) => fn(l));
  };

  beforeAll(async () => {
    engine = await createEngine({ dataDir: tmp.dir, host: 'test', masterKey: randomBytes(32) });
    const conn = connectInProcess(engine, 'ui');
    close = conn.close;
    setEngineApi(conn.client);
    const connection: EngineConnection = {
      kind: 'electron',
      client: conn.client,
      get link() {
        return link;
      },
      onLink: (l) => {
        linkListeners.add(l);
        return () => linkListeners.delete(l);
      },
      onHostCommand: (l) => void commandListeners.add(l),
      retryNow: () => undefined,
    };
    wireEngineEvents(connection);
  });

  afterAll(async () => {
    setEngineApi(null);
    close();
    await engine.close();
    tmp.cleanup();
  });

  it('loads engine info, settings, credentials and the audit state when the link opens', async () => {
    expect(useConnectionStore.getState().phase).toBe('connecting');
    expect(useSettingsStore.getState().settings).toBeNull();
    setLink({ phase: 'open' });
    expect(useConnectionStore.getState().phase).toBe('open');
    await expect.poll(() => useConnectionStore.getState().info?.dataDir).toBe(tmp.dir);
    await expect.poll(() => useSettingsStore.getState().settings?.theme).toBe('system');
    await expect.poll(() => useCredentialsStore.getState().loaded).toBe(true);
    await expect.poll(() => useAuditStore.getState().result?.intact).toBe(true);
  });

  it('a theme change made elsewhere reaches the settings store through settings.changed', async () => {
    const other = connectInProcess(engine, 'cli');
    try {
      await other.client.call('settings.update', { theme: 'dark' });
      await expect.poll(() => useSettingsStore.getState().settings?.theme).toBe('dark');
    } finally {
      other.close();
    }
  });

  it('setTheme persists in the engine and the audit chain records it', async () => {
    await useSettingsStore.getState().setTheme('light');
    expect(useSettingsStore.getState().settings?.theme).toBe('light');
    expect((await engine.handlers['settings.get']({}, { signal: new AbortController().signal, actor: 't' })).theme).toBe('light');
    await useAuditStore.getState().verify();
    const result = useAuditStore.getState().result;
    expect(result?.intact && result.entries).toBe(2);
  });

  it('credential create/delete go through the engine and never hold a secret', async () => {
    const created = await useCredentialsStore.getState().create({ kind: 'snmp-v2c', label: 'edge', community: 'sekret-community' });
    expect(created?.label).toBe('edge');
    expect(JSON.stringify(useCredentialsStore.getState())).not.toContain('sekret-community');
    await useCredentialsStore.getState().remove(created?.id ?? '');
    expect(useCredentialsStore.getState().items).toEqual([]);
    await useCredentialsStore.getState().load();
    expect(useCredentialsStore.getState().items).toEqual([]);
  });

  it('a refused input ends as a sentence in the store, not an exception', async () => {
    const created = await useCredentialsStore.getState().create({ kind: 'snmp-v2c', label: '   ', community: 'x' });
    expect(created).toBeNull();
    expect(useCredentialsStore.getState().error).toMatch(/refused the input/);
  });

  it('menu commands from the desktop host switch the view', () => {
    commandListeners.forEach((l) => l({ type: 'navigate', view: 'threats' }));
    expect(useNavigationStore.getState().view).toBe('threats');
  });

  it('engine log lines reach the log store, cleaned for display and counted when they are problems', async () => {
    const problemsBefore = useEngineLogStore.getState().problems;
    engine.ctx.log('warn', 'fan failure on \u001b[31mcore-1\u001b[0m\u0007');
    engine.ctx.log('info', 'scan finished');
    const messages = () => useEngineLogStore.getState().entries.map((e) => e.message);
    await expect.poll(messages).toContain('scan finished');
    expect(messages()).toContain('fan failure on core-1');
    expect(useEngineLogStore.getState().problems).toBeGreaterThanOrEqual(problemsBefore + 1);
  });

  it('a dropped link shows as closed with its retry time', () => {
    setLink({ phase: 'closed', attempt: 2, retryAt: 123_456 });
    expect(useConnectionStore.getState()).toMatchObject({ phase: 'closed', attempt: 2, retryAt: 123_456 });
  });
});
