import type { HostKeyEntry } from '../../../shared/api/hostkeys';
import { RoutewiseError } from '../../../shared/api/errors';
import type { ObservedHostKey } from './host-key';
import type { HostKeyRecord, HostKeyRecords } from './host-keys-repo';

/** What an SSH session asks before it sends credentials: may I trust this key for this host? */
export interface HostKeyStore {
  /** Resolves when the key is trusted (pinning it on first use); rejects with 'unauthorized' when it changed. */
  verify(hostPort: string, key: ObservedHostKey): Promise<void>;
}

export interface PinningOptions {
  now?: () => Date;
  /** Told when a host offers a changed key (the engine forwards it to the UI as `hostkeys.changed`). */
  onChanged?: (entry: HostKeyEntry) => void;
}

/**
 * Trust on first use, keyed by host:port. A changed key is remembered as `pending` and refused until an
 * admin accepts it, as OpenSSH's StrictHostKeyChecking=accept-new does with known_hosts, but with the
 * acceptance step in the app and the audit chain instead of a hand-edited file.
 */
export class PinningHostKeyStore implements HostKeyStore {
  private readonly now: () => Date;

  constructor(
    private readonly records: HostKeyRecords,
    private readonly opts: PinningOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  async verify(hostPort: string, key: ObservedHostKey): Promise<void> {
    const at = this.now().toISOString();
    const pinned =
      (await this.records.get(hostPort)) ??
      (await this.records.insertIfAbsent({ hostPort, algorithm: key.algorithm, fingerprint: key.fingerprint, firstSeenAt: at, lastSeenAt: at }));
    if (pinned.fingerprint === key.fingerprint) {
      if (pinned.lastSeenAt !== at) await this.records.put({ ...pinned, lastSeenAt: at });
      return;
    }
    const changed: HostKeyRecord = { ...pinned, pending: { ...key, seenAt: at } };
    await this.records.put(changed);
    this.opts.onChanged?.(toEntry(changed));
    throw new RoutewiseError(
      'unauthorized',
      `host key for ${hostPort} changed: was ${pinned.fingerprint}, now ${key.fingerprint} — accept it in Settings → Host keys or \`routewise hostkeys accept ${hostPort}\` if the change is expected`,
      { hostPort, was: { algorithm: pinned.algorithm, fingerprint: pinned.fingerprint }, now: key },
    );
  }

  async list(): Promise<HostKeyEntry[]> {
    return (await this.records.list()).map(toEntry);
  }

  /** Trusts the pending key; with `fingerprint`, only if the pending key is that one (checked out of band). */
  async accept(hostPort: string, fingerprint?: string): Promise<{ entry: HostKeyEntry; was: string }> {
    const pinned = await this.records.get(hostPort);
    if (!pinned) throw new RoutewiseError('not-found', `no host key is pinned for ${hostPort}; the first connection pins it`);
    if (!pinned.pending) {
      throw new RoutewiseError('not-found', `${hostPort} has not offered a changed key (pinned: ${pinned.fingerprint}); nothing to accept`);
    }
    if (fingerprint !== undefined && fingerprint !== pinned.pending.fingerprint) {
      throw new RoutewiseError(
        'conflict',
        `${hostPort} offered ${pinned.pending.fingerprint}, not ${fingerprint}; not accepted`,
        { hostPort, offered: pinned.pending.fingerprint, expected: fingerprint },
      );
    }
    const at = this.now().toISOString();
    const accepted: HostKeyRecord = {
      hostPort,
      algorithm: pinned.pending.algorithm,
      fingerprint: pinned.pending.fingerprint,
      firstSeenAt: at,
      lastSeenAt: at,
    };
    await this.records.put(accepted);
    return { entry: toEntry(accepted), was: pinned.fingerprint };
  }

  async forget(hostPort: string): Promise<HostKeyEntry | undefined> {
    const pinned = await this.records.get(hostPort);
    if (!pinned) return undefined;
    await this.records.delete(hostPort);
    return toEntry(pinned);
  }
}

function toEntry(r: HostKeyRecord): HostKeyEntry {
  const entry: HostKeyEntry = {
    hostPort: r.hostPort,
    algorithm: r.algorithm,
    fingerprint: r.fingerprint,
    firstSeenAt: r.firstSeenAt,
    lastSeenAt: r.lastSeenAt,
    status: r.pending ? 'changed' : 'trusted',
  };
  if (r.pending) entry.pending = { algorithm: r.pending.algorithm, fingerprint: r.pending.fingerprint, seenAt: r.pending.seenAt };
  return entry;
}
