import type { EngineInfo } from '../../shared/api/system';
import type { EngineContext } from './engine-context';
import { archiveHandlers } from './rpc/areas/archive-area';
import { aiTrafficHandlers } from './rpc/areas/ai-traffic-area';
import { auditHandlers } from './rpc/areas/audit-area';
import { complianceHandlers } from './rpc/areas/compliance-area';
import { credentialHandlers } from './rpc/areas/credentials-area';
import { inventoryHandlers } from './rpc/areas/inventory-area';
import { labHandlers } from './rpc/areas/lab-area';
import { scanHandlers } from './rpc/areas/scan-area';
import { scopeHandlers } from './rpc/areas/scope-area';
import { hostkeysHandlers } from './rpc/areas/hostkeys-area';
import { systemHandlers } from './rpc/areas/system-area';
import { threatsHandlers } from './rpc/areas/threats-area';
import { topologyHandlers } from './rpc/areas/topology-area';
import { rolloutHandlers } from './rpc/areas/rollout-area';
import { EventBus } from './rpc/event-bus';
import type { Handlers } from './rpc/handlers';
import { AuditChain } from './store/audit-chain';
import { CredentialsRepo } from './store/credentials-repo';
import { openStore } from './store/database';
import { PinningHostKeyStore } from './ssh/host-key-store';
import { HostKeysRepo } from './ssh/host-keys-repo';
import { SettingsRepo } from './store/settings-repo';
import { resolveMasterKey } from './vault/key-source';
import { Vault } from './vault/vault';

export interface EngineOptions {
  dataDir: string;
  host: EngineInfo['host'];
  /** The vault key; by default from ROUTEWISE_MASTER_KEY or `<dataDir>/master.key`. */
  masterKey?: Buffer;
  log?: EngineContext['log'];
  /** Path of a better-sqlite3 .node built for this runtime's ABI (Electron dev runs); default: the package's own. */
  nativeBinding?: string;
}

export interface Engine {
  readonly ctx: EngineContext;
  readonly handlers: Handlers;
  readonly bus: EventBus;
  close(): Promise<void>;
}

/** The whole domain engine, host-agnostic: Electron's utilityProcess, `routewise serve` and the CLI all use this. */
export async function createEngine(opts: EngineOptions): Promise<Engine> {
  // The key first: a refused key (e.g. a world-readable key file) must not leave an open store behind.
  const vault = new Vault(opts.masterKey ?? resolveMasterKey(opts.dataDir));
  const store = await openStore(opts.dataDir, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {});
  const bus = new EventBus();
  const closers: Array<() => Promise<void> | void> = [];
  const log: EngineContext['log'] =
    opts.log ??
    ((level, message) => {
      if (level !== 'debug') bus.emit('engine.log', { level, message, at: new Date().toISOString() });
    });
  const ctx: EngineContext = {
    dataDir: opts.dataDir,
    host: opts.host,
    startedAt: new Date(),
    store,
    vault,
    bus,
    audit: new AuditChain(store),
    settings: new SettingsRepo(store),
    credentials: new CredentialsRepo(store, vault),
    hostKeys: new PinningHostKeyStore(new HostKeysRepo(store), { onChanged: (entry) => bus.emit('hostkeys.changed', entry) }),
    onClose: (fn) => closers.push(fn),
    log,
  };

  const handlers: Handlers = {
    ...rolloutHandlers(ctx),
    ...aiTrafficHandlers(ctx),
    ...complianceHandlers(ctx),
    ...archiveHandlers(ctx),
    ...topologyHandlers(ctx),
    ...systemHandlers(ctx),
    ...labHandlers(ctx),
    ...credentialHandlers(ctx),
    ...auditHandlers(ctx),
    ...scanHandlers(ctx),
    ...inventoryHandlers(ctx),
    ...scopeHandlers(ctx),
    ...hostkeysHandlers(ctx),
    ...threatsHandlers(ctx),
  };

  let closed = false;
  return {
    ctx,
    handlers,
    bus,
    async close() {
      if (closed) return;
      closed = true;
      for (const fn of closers.reverse()) await fn();
      await store.close();
    },
  };
}
