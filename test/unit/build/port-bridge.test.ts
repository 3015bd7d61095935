import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostCommand } from '../../../shared/api/bridge';
import type { ConnectionStatus } from '../../../shared/api/client';
import { type BridgePort, createPortBridge, MAX_QUEUED_MESSAGES } from '../../../electron/preload/port-bridge';
import { waitFor } from './utility-host-support';

// Node 20's global MessageChannel is the WHATWG one (addEventListener, start, close), like Chromium's.
const channels: MessageChannel[] = [];
function channel(): { bridgeSide: BridgePort; engineSide: MessageChannel['port2'] } {
  const c = new globalThis.MessageChannel() as unknown as MessageChannel;
  channels.push(c);
  return { bridgeSide: c.port1 as unknown as BridgePort, engineSide: c.port2 };
}

describe('preload port bridge', () => {
  afterEach(() => {
    for (const c of channels.splice(0)) {
      c.port1.close();
      c.port2.close();
    }
  });

  it('queues what the page sends before the port arrives, then flushes it in order', async () => {
    const { bridge, attachPort } = createPortBridge();
    bridge.send('one');
    bridge.send('two');
    const { bridgeSide, engineSide } = channel();
    const received: unknown[] = [];
    engineSide.on('message', (m: unknown) => received.push(m));
    attachPort(bridgeSide);
    bridge.send('three');
    await waitFor('3 messages', () => (received.length === 3 ? true : undefined));
    expect(received).toEqual(['one', 'two', 'three']);
  });

  it('caps the queue so a page cannot grow it without bound', async () => {
    const { bridge, attachPort } = createPortBridge();
    for (let i = 0; i < MAX_QUEUED_MESSAGES + 50; i++) bridge.send(`m${i}`);
    const { bridgeSide, engineSide } = channel();
    const received: unknown[] = [];
    engineSide.on('message', (m: unknown) => received.push(m));
    attachPort(bridgeSide);
    bridge.send('last');
    await waitFor('last', () => (received.includes('last') ? true : undefined));
    expect(received.length).toBe(MAX_QUEUED_MESSAGES + 1);
  });

  it('delivers only text from the engine, and only from the current port', async () => {
    const ctl = createPortBridge();
    const got: string[] = [];
    ctl.bridge.onMessage((raw) => got.push(raw));
    const a = channel();
    ctl.attachPort(a.bridgeSide);
    a.engineSide.postMessage({ type: 'reply' });
    a.engineSide.postMessage('from-a');
    await waitFor('from-a', () => (got.includes('from-a') ? true : undefined));
    const b = channel();
    ctl.attachPort(b.bridgeSide); // e.g. the engine restarted
    b.engineSide.postMessage('from-b');
    await waitFor('from-b', () => (got.includes('from-b') ? true : undefined));
    expect(got).toEqual(['from-a', 'from-b']);
  });

  it('reports connecting → open → closed → connecting → open across an engine restart', async () => {
    const ctl = createPortBridge();
    const seen: ConnectionStatus[] = [];
    ctl.bridge.onStatus((s) => seen.push(s));
    await waitFor('initial status', () => (seen.length ? true : undefined));
    ctl.attachPort(channel().bridgeSide);
    ctl.setStatus('closed');
    ctl.setStatus('bogus');
    ctl.setStatus('connecting');
    ctl.attachPort(channel().bridgeSide);
    expect(seen).toEqual(['connecting', 'open', 'closed', 'connecting', 'open']);
  });

  it('a status listener registered late learns the current state', async () => {
    const ctl = createPortBridge();
    ctl.attachPort(channel().bridgeSide);
    const seen: ConnectionStatus[] = [];
    ctl.bridge.onStatus((s) => seen.push(s));
    await waitFor('status', () => (seen.length ? true : undefined));
    expect(seen).toEqual(['open']);
  });

  it('passes on only well-formed menu commands, as fresh objects', () => {
    const ctl = createPortBridge();
    const got: HostCommand[] = [];
    ctl.bridge.onHostCommand((c) => got.push(c));
    const original = { type: 'navigate', view: 'threats', extra: '<script>' };
    ctl.hostCommand(original);
    ctl.hostCommand({ type: 'navigate', view: 'admin' });
    ctl.hostCommand({ type: 'eval', view: 'map' });
    ctl.hostCommand('navigate');
    ctl.hostCommand(null);
    expect(got).toEqual([{ type: 'navigate', view: 'threats' }]);
    expect(got[0]).not.toBe(original);
  });

  it('exposes exactly the RoutewiseBridge members and nothing else', () => {
    const { bridge } = createPortBridge();
    expect(Object.keys(bridge).sort()).toEqual(['host', 'onHostCommand', 'onMessage', 'onStatus', 'send']);
    expect(bridge.host).toBe('electron');
  });
});
