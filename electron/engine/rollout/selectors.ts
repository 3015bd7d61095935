import { RoutewiseError } from '../../../shared/api/errors';
import type { Platform } from '../../../shared/domain/device';

export interface InventoryTarget {
  deviceId: string;
  address: string;
  port: number;
  label: string;
  platform: Platform;
  segment: string | null;
  credentialId: string | null;
  sshCredentialId: string | null;
}

export type Selector = { kind: 'all' } | { kind: 'platform'; platform: string } | { kind: 'segment'; segment: string } | { kind: 'device'; addresses: string[] };

export function parseSelector(text: string): Selector {
  if (text === 'all') return { kind: 'all' };
  const i = text.indexOf(':');
  const kind = i < 0 ? '' : text.slice(0, i);
  const rest = i < 0 ? '' : text.slice(i + 1).trim();
  if (kind === 'platform' && rest) return { kind: 'platform', platform: rest };
  if (kind === 'segment' && rest) return { kind: 'segment', segment: rest };
  if (kind === 'device' && rest) return { kind: 'device', addresses: rest.split(',').map((a) => a.trim()).filter(Boolean) };
  throw new RoutewiseError('bad-request', `bad selector ${JSON.stringify(text.slice(0, 100))}: use all, platform:NAME, segment:NAME or device:ADDRESS[,ADDRESS…]`);
}

/** The inventory devices a selector names, in inventory order. A device: selector naming an unknown address is an error. */
export function selectTargets(all: readonly InventoryTarget[], selector: Selector): InventoryTarget[] {
  switch (selector.kind) {
    case 'all':
      return [...all];
    case 'platform':
      return all.filter((d) => d.platform === selector.platform);
    case 'segment':
      return all.filter((d) => d.segment === selector.segment);
    case 'device': {
      const missing = selector.addresses.filter((a) => !all.some((d) => d.address === a));
      if (missing.length > 0) throw new RoutewiseError('not-found', `not in the inventory: ${missing.join(', ')} (scan them first)`);
      return all.filter((d) => selector.addresses.includes(d.address));
    }
  }
}
