import type { InterfaceBaselinesTable } from '../threats/interface-baseline';
import type { DeviceSamplesTable } from '../topology/metrics/metrics-migration';
import type { Generated } from 'kysely';
import type {
  ComplianceAdvisoryFilesTable,
  ComplianceConfigsTable,
  CompliancePacksTable,
  ComplianceWaiversTable,
} from '../compliance/compliance-migration';
import type { ConfigChangeEventsTable, ConfigVersionsTable } from '../archive/archive-migration';
import type { DeviceAddressesTable } from '../discovery/inventory/device-addresses-migration';
import type { RolloutDevicesTable, RolloutJournalTable, RolloutPlansTable } from '../rollout/rollout-migration';
import type { ThreatCountersTable, ThreatForwardCursorsTable, ThreatInsightsTable } from '../threats/threats-migration';

/** Table types for Kysely. Later migrations add their tables here. */
export interface SettingsTable {
  key: string;
  value_json: string;
}

export interface CredentialsTable {
  id: string;
  kind: string;
  label: string;
  public_json: string;
  /** Vault ciphertext of the secret fields; never leaves the engine. */
  secret_blob: string;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  details_json: string;
  prev_hash: string;
  hash: string;
}

export interface KvTestTable {
  id: Generated<number>;
  value: string;
}

/** Discovery and inventory (migration 0002). */
export interface ScanScopeTable {
  range: string;
  added_at: string;
  added_by: string;
}

export interface ScansTable {
  id: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  actor: string;
  targets_json: string;
  options_json: string;
  total: number;
  probed: number;
  answered: number;
  identified: number;
  unreachable_count: number;
  unreachable_json: string;
  error: string | null;
}

export interface DevicesTable {
  id: string;
  address: string;
  port: number;
  address_key: string;
  hostname: string | null;
  sys_name: string | null;
  sys_descr: string | null;
  sys_object_id: string | null;
  vendor: string | null;
  platform: string;
  os_version: string | null;
  model: string | null;
  serial: string | null;
  /** Migration 0011: identity keys a merge compares (LLDP-MIB local chassis MAC, SNMP engine ID, hex). */
  chassis_mac: string | null;
  engine_id: string | null;
  facts_json: string;
  ai_json: string | null;
  ai_capable: number;
  credential_id: string | null;
  ssh_credential_id: string | null;
  warnings_json: string;
  first_seen: string;
  last_seen: string;
  last_scan_id: string;
}

export interface DeviceInterfacesTable {
  device_id: string;
  if_index: number;
  name: string;
  info_json: string;
}

export interface ScanDevicesTable {
  scan_id: string;
  device_id: string;
}

export interface DeviceHistoryTable {
  id: Generated<number>;
  device_id: string;
  attribute: string;
  old_value: string | null;
  new_value: string | null;
  scan_id: string;
  at: string;
}

export interface Database {
  topology_observations: TopologyObservationsTable;
  topology_snapshots: TopologySnapshotsTable;
  manual_links: ManualLinksTable;
  map_positions: MapPositionsTable;
  interface_samples: InterfaceSamplesTable;
  interface_baselines: InterfaceBaselinesTable;
  device_roles: { device_id: string; role: string };
  device_samples: DeviceSamplesTable;
  settings: SettingsTable;
  credentials: CredentialsTable;
  audit_log: AuditLogTable;
  scan_scope: ScanScopeTable;
  scans: ScansTable;
  devices: DevicesTable;
  device_interfaces: DeviceInterfacesTable;
  scan_devices: ScanDevicesTable;
  device_history: DeviceHistoryTable;
  device_addresses: DeviceAddressesTable;
  ssh_host_keys: SshHostKeysTable;
  threat_insights: ThreatInsightsTable;
  threat_counters: ThreatCountersTable;
  threat_forward_cursors: ThreatForwardCursorsTable;
  config_versions: ConfigVersionsTable;
  config_change_events: ConfigChangeEventsTable;
  rollout_plans: RolloutPlansTable;
  compliance_configs: ComplianceConfigsTable;
  compliance_waivers: ComplianceWaiversTable;
  compliance_advisory_files: ComplianceAdvisoryFilesTable;
  compliance_packs: CompliancePacksTable;
  rollout_devices: RolloutDevicesTable;
  rollout_journal: RolloutJournalTable;
  ai_services: AiServicesTable;
}

export interface SshHostKeysTable {
  host_port: string;
  algorithm: string;
  fingerprint: string;
  first_seen_at: string;
  last_seen_at: string;
  pending_algorithm: string | null;
  pending_fingerprint: string | null;
  pending_seen_at: string | null;
}

export interface TopologyObservationsTable {
  device_id: string;
  collected_at: string;
  observation_json: string;
}

export interface TopologySnapshotsTable {
  id: Generated<number>;
  at: string;
  topology_json: string;
}

export interface ManualLinksTable {
  id: string;
  a_device: string;
  a_if: string;
  b_device: string;
  b_if: string;
  speed_mbps: number | null;
  created_at: string;
}

export interface MapPositionsTable {
  node_id: string;
  x: number;
  y: number;
}

export interface InterfaceSamplesTable {
  device_id: string;
  if_index: number;
  tier: string;
  at_ms: number;
  in_bps: number | null;
  out_bps: number | null;
  in_util: number | null;
  out_util: number | null;
  errors_ps: number | null;
  discards_ps: number | null;
  packets_ps: number | null;
}

export interface AiServicesTable {
  id: string;
  address: string;
  port: number;
  model: string;
  version: string | null;
  site: string;
  max_concurrent: number;
  tokens_per_sec: number;
  prefill_tokens_per_sec: number;
  health_path: string;
  weight: number;
  source: string;
  created_at: string;
  updated_at: string;
  last_probe_at: string | null;
  last_healthy: number | null;
  last_latency_ms: number | null;
  ewma_latency_ms: number | null;
  last_error: string | null;
}
