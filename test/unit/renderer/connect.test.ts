import { describe, expect, it } from 'vitest';
import type { HostCommand, RoutewiseBridge } from '../../../shared/api/bridge';
import type { ConnectionStatus } from '../../../shared/api/client';
import { connect } from '../../../renderer/src/api/connect';
import type { LinkState } from '../../../renderer/src/api/ws-transport';

/** A bridge like the preload's: answers pings, reports status, forwards menu commands. */
function fakeBridge() {
  const messages: Array<(raw: string) => void> = [];
  const statuses: Array<(s: ConnectionStatus) => void> = [];
  const commands: Array<(c: HostCommand) => void> = [];
  const bridge: RoutewiseBridge = {
    host: 'electron',
    send(raw) {
      const req = JSON.parse(raw) as { id: number; params: { nonce: string } };
      queueMicrotask(() => messages.forEach((l) => l(JSON.stringify({ type: 'reply', id: req.id, result: { nonce: req.params.nonce, at: 'now' } }))));
    },
    onMessage: (l) => void messages.push(l),
    onStatus: (l) => void statuses.push(l),
    onHostCommand: (l) => void commands.push(l),
  };
  return {
    bridge,
    status: (s: ConnectionStatus) => statuses.forEach((l) => l(s)),
    command: (c: unknown) => commands.forEach((l) => l(c as HostCommand)),
  };
}

function fakeWindow(extra: Record<string, unknown>, hash = ''): Window {
  const store = new Map<string, string>();
  return {
    ...extra,
    location: { hash, pathname: '/', search: '', protocol: 'http:', host: '127.0.0.1:9' },
    sessionStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    history: { state: null, replaceState: () => undefined },
  } as unknown as Window;
}

describe('connect', () => {
  it('uses the Electron bridge when the preload exposed one, and mirrors its status', async () => {
    const fake = fakeBridge();
    const result = connect({ window: fakeWindow({ routewiseBridge: fake.bridge }) });
    if (!result.ok) throw new Error('expected a connection');
    expect(result.connection.kind).toBe('electron');
    const links: LinkState['phase'][] = [];
    result.connection.onLink((l) => links.push(l.phase));
    // The ping round trip marks the link open even if the bridge's status arrived before we listened.
    await expect.poll(() => result.connection.link.phase).toBe('open');
    fake.status('closed');
    expect(result.connection.link.phase).toBe('closed');
    expect(links).toEqual(['open', 'closed']);
  });

  it('passes on only well-formed menu commands', () => {
    const fake = fakeBridge();
    const result = connect({ window: fakeWindow({ routewiseBridge: fake.bridge }) });
    if (!result.ok) throw new Error('expected a connection');
    const seen: HostCommand[] = [];
    result.connection.onHostCommand((c) => seen.push(c));
    fake.command({ type: 'navigate', view: 'map' });
    fake.command({ type: 'navigate', view: '<script>' });
    fake.command({ type: 'exec', view: 'map' });
    expect(seen).toEqual([{ type: 'navigate', view: 'map' }]);
  });

  it('without a bridge and without a token, does not try to connect at all', () => {
    let sockets = 0;
    const result = connect({
      window: fakeWindow({}),
      createSocket: () => {
        sockets++;
        throw new Error('must not be called');
      },
    });
    expect(result).toEqual({ ok: false, reason: 'missing-token' });
    expect(sockets).toBe(0);
  });
});
