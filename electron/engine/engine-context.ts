import type { EngineInfo } from '../../shared/api/system';
import type { EventBus } from './rpc/event-bus';
import type { AuditChain } from './store/audit-chain';
import type { CredentialsRepo } from './store/credentials-repo';
import type { Store } from './store/database';
import type { PinningHostKeyStore } from './ssh/host-key-store';
import type { SettingsRepo } from './store/settings-repo';
import type { Vault } from './vault/vault';

/** Everything an engine area needs; areas receive it and build their handlers from it. */
export interface EngineContext {
  readonly dataDir: string;
  readonly host: EngineInfo['host'];
  readonly startedAt: Date;
  readonly store: Store;
  readonly vault: Vault;
  readonly bus: EventBus;
  readonly audit: AuditChain;
  readonly settings: SettingsRepo;
  readonly credentials: CredentialsRepo;
  /** SSH host keys pinned on first use; every SSH session verifies against it. */
  readonly hostKeys: PinningHostKeyStore;
  /** Called on engine shutdown, last registered first: areas stop their servers and timers here. */
  onClose(fn: () => Promise<void> | void): void;
  log(level: 'debug' | 'info' | 'warn' | 'error', message: string): void;
}
