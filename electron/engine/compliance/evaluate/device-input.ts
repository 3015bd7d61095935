import type { ConfigKind } from '../../../../shared/api/compliance';
import type { AiVerdict, DeviceFacts, Platform } from '../../../../shared/domain/device';

export interface ConfigText {
  readonly text: string;
  /** Where it came from: 'archive', 'lab', 'import', a file name. */
  readonly source: string;
  readonly at?: string;
}

/**
 * Everything the evaluator needs about one device, from any source (the store, the config archive, the lab,
 * a fixture file): it never reaches out by itself.
 */
export interface DeviceInput {
  readonly deviceId: string;
  readonly name: string;
  readonly address?: string;
  readonly platform: Platform;
  readonly facts: Partial<DeviceFacts>;
  readonly ai?: AiVerdict | null;
  /** Kinds of the credentials discovery used to reach it ('snmp-v1', 'snmp-v2c', 'snmp-v3', 'ssh'). */
  readonly credentialKinds?: readonly string[];
  readonly configs: Partial<Record<ConfigKind, ConfigText>>;
}
