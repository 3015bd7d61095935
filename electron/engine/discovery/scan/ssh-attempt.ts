import type { DeviceFacts } from '../../../../shared/domain/device';
import type { HostKeyStore } from '../../ssh/host-key-store';
import { identifyOverSsh } from '../identify/identify-ssh';
import type { ProbeOptions, SshAttempt, SshCredential } from '../sweep/prober';

/** Adapts SSH identification to the sweep: connection failures become a `failed` attempt with the reason. */
export function sshIdentifier(hostKeys: HostKeyStore) {
  return async (target: { address: string; port: number }, credential: SshCredential, opts: ProbeOptions): Promise<SshAttempt> => {
    try {
      const id = await identifyOverSsh({ host: target.address, port: target.port }, credential, {
        timeoutMs: opts.timeoutMs * (opts.retries + 1),
        hostKeys,
        signal: opts.signal,
      });
      const facts: Partial<DeviceFacts> = { platform: id.platform };
      if (id.vendor) facts.vendor = id.vendor;
      if (id.osName) facts.osName = id.osName;
      if (id.osVersion) facts.osVersion = id.osVersion;
      if (id.model) facts.model = id.model;
      if (id.serial) facts.serial = id.serial;
      return { status: 'answered', facts, banner: id.banner, warnings: id.warnings, aiProbes: id.aiProbes };
    } catch (err) {
      if (opts.signal.aborted) throw err;
      return { status: 'failed', reason: (err instanceof Error ? err.message : String(err)).slice(0, 300) };
    }
  };
}
