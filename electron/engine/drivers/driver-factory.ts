import { RoutewiseError } from '../../../shared/api/errors';
import type { Platform } from '../../../shared/domain/device';
import type { HostKeyStore } from '../ssh/host-key-store';
import { openSshSession, type SshCredential } from '../ssh/ssh-session';
import type { CliTransport, DriverDeps } from './cli-transport';
import type { Driver } from './driver';
import { EosDriver } from './eos-driver';
import { FortiosDriver } from './fortios-driver';
import { FrrDriver, type FrrDriverOptions } from './frr-driver';
import { IosxeDriver } from './iosxe-driver';
import { JunosDriver } from './junos-driver';
import { RouterosDriver } from './routeros-driver';

export interface DriverTarget {
  address: string;
  sshPort: number;
  platform: Platform;
}

export interface OpenDriverOptions {
  hostKeys: HostKeyStore;
  timeoutMs: number;
  log?: (message: string) => void;
  /** Linux/FRR only. */
  frr?: FrrDriverOptions;
}

export const SUPPORTED_PLATFORMS: readonly Platform[] = ['ios', 'iosxe', 'junos', 'eos', 'routeros', 'fortios', 'frr', 'linux'];

/** The driver for a platform over an already open transport (tests pass scripted ones). */
export function driverFor(platform: Platform, deps: DriverDeps & { frr?: FrrDriverOptions }): Driver {
  switch (platform) {
    case 'ios':
    case 'iosxe':
      return new IosxeDriver({ ...deps, platform });
    case 'junos':
      return new JunosDriver(deps);
    case 'eos':
      return new EosDriver(deps);
    case 'routeros':
      return new RouterosDriver(deps);
    case 'fortios':
      return new FortiosDriver(deps);
    case 'frr':
    case 'linux':
      return new FrrDriver({ ...deps, ...deps.frr });
    default:
      throw new RoutewiseError('unsupported', `no driver for platform ${platform} yet (supported: ${SUPPORTED_PLATFORMS.join(', ')})`, { platform });
  }
}

/** Opens an SSH session (host key verified against its pin) and returns the platform's driver on it. */
export async function openDriver(device: DriverTarget, credential: SshCredential, opts: OpenDriverOptions): Promise<Driver> {
  if (!SUPPORTED_PLATFORMS.includes(device.platform)) {
    throw new RoutewiseError('unsupported', `no driver for platform ${device.platform} yet (supported: ${SUPPORTED_PLATFORMS.join(', ')})`, { platform: device.platform });
  }
  const session = await openSshSession({ host: device.address, port: device.sshPort }, credential, {
    timeoutMs: opts.timeoutMs,
    hostKeys: opts.hostKeys,
    platform: device.platform,
  });
  const cli: CliTransport = session;
  try {
    return driverFor(device.platform, { cli, ...(opts.log ? { log: opts.log } : {}), ...(opts.frr ? { frr: opts.frr } : {}) });
  } catch (err) {
    await session.close();
    throw err;
  }
}
