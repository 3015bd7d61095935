import type { LabCredentials } from '../../../../shared/api/lab';
import type { DeviceIdentity } from '../device-runtime';
import type { LabDevice } from '../lab-model-types';
import { eosInitialConfig, EosShell } from './eos-shell';
import { fortiosIdentity, fortiosInitialConfig, FortiosShell } from './fortios-shell';
import { frrIdentity, frrInitialConfig, FrrShell } from './frr-shell';
import { iosIdentity, iosxeInitialConfig, IosxeShell } from './iosxe-shell';
import { junosIdentity, junosInitialConfig, JunosShell } from './junos-shell';
import { routerosIdentity, routerosInitialConfig, RouterosShell } from './routeros-shell';
import type { PlatformShell, ShellContext } from './shell-types';

/** Everything the lab needs to give one platform a CLI. */
export interface PlatformCli {
  initialConfig(d: LabDevice, creds: LabCredentials): string;
  identityOf(text: string): Partial<DeviceIdentity>;
  shell(ctx: ShellContext): PlatformShell;
}

const CLIS: Partial<Record<LabDevice['platform'], PlatformCli>> = {
  iosxe: { initialConfig: iosxeInitialConfig, identityOf: iosIdentity, shell: (ctx) => new IosxeShell(ctx) },
  junos: { initialConfig: junosInitialConfig, identityOf: junosIdentity, shell: (ctx) => new JunosShell(ctx) },
  eos: { initialConfig: eosInitialConfig, identityOf: iosIdentity, shell: (ctx) => new EosShell(ctx) },
  routeros: { initialConfig: routerosInitialConfig, identityOf: routerosIdentity, shell: (ctx) => new RouterosShell(ctx) },
  fortios: { initialConfig: fortiosInitialConfig, identityOf: fortiosIdentity, shell: (ctx) => new FortiosShell(ctx) },
  frr: { initialConfig: frrInitialConfig, identityOf: frrIdentity, shell: (ctx) => new FrrShell(ctx) },
};

export function platformCli(platform: LabDevice['platform']): PlatformCli | undefined {
  return CLIS[platform];
}
