import path from 'node:path';
import { PlanRequest, type RolloutStatusEvent, type RolloutStep } from '../../../../shared/api/rollout';
import { openStore, type Store } from '../../../../electron/engine/store/database';
import { type ExecutorDeps, RolloutExecutor } from '../../../../electron/engine/rollout/executor';
import { RolloutRepo } from '../../../../electron/engine/rollout/journal';
import { buildPlan } from '../../../../electron/engine/rollout/plan';
import type { InventoryTarget } from '../../../../electron/engine/rollout/selectors';
import { parseTemplate } from '../../../../electron/engine/rollout/templates/template-library';
import { AuditChain } from '../../../../electron/engine/store/audit-chain';
import { type ScriptedDevice, ScriptedDriver, ScriptedStateFile, scriptedDevice } from './scripted-driver';
import { executorDeps } from '../../../support/executor-deps';

export const TEST_TEMPLATE = parseTemplate(
  `
name: ntp-test
description: adds an NTP server
platforms: [iosxe, junos]
parameters:
  server: { type: ipv4 }
body: "ntp server {{ server }}\\n"
`,
  'ntp-test.yaml',
);

/** Wall ms per plan second: revert timers of 30 s take 300 ms here. */
export const MS_PER_SEC = 10;

export interface Harness {
  store: Store;
  repo: RolloutRepo;
  exec: RolloutExecutor;
  deps: ExecutorDeps;
  states: ScriptedStateFile;
  steps: RolloutStep[];
  statuses: RolloutStatusEvent[];
  audit: AuditChain;
  close(): Promise<void>;
}

export function deviceFile(dir: string): string {
  return path.join(dir, 'devices.json');
}

export async function openHarness(dir: string, checkpoint: (label: string) => void = () => undefined): Promise<Harness> {
  const store = await openStore(dir);
  const repo = new RolloutRepo(store, undefined, checkpoint);
  const states = new ScriptedStateFile(deviceFile(dir));
  const audit = new AuditChain(store);
  const steps: RolloutStep[] = [];
  const statuses: RolloutStatusEvent[] = [];
  const deps = executorDeps({
    repo,
    openDriver: async (address) => new ScriptedDriver(states, address, MS_PER_SEC),
    audit: async (action, subject, details) => {
      await audit.append({ actor: 'test', action, subject, details });
    },
    emitStep: (e) => steps.push(e),
    emitStatus: (e) => statuses.push(e),
    actor: 'test',
    msPerSec: MS_PER_SEC,
  });
  return { store, repo, exec: new RolloutExecutor(deps), deps, states, steps, statuses, audit, close: () => store.close() };
}

export function writeDevices(dir: string, devices: Record<string, Partial<ScriptedDevice>>): ScriptedStateFile {
  const states = new ScriptedStateFile(deviceFile(dir));
  const all: Record<string, ScriptedDevice> = {};
  for (const [address, extra] of Object.entries(devices)) all[address] = scriptedDevice(extra.platform ?? 'iosxe', `hostname ${address}\ninterface eth0\n`, extra);
  states.write(all);
  return states;
}

export function inventoryOf(addresses: string[], segmentOf: (a: string) => string = () => 'lab'): InventoryTarget[] {
  return addresses.map((address, i) => ({
    deviceId: `dev-${i}`,
    address,
    port: 161,
    label: address,
    platform: 'iosxe',
    segment: segmentOf(address),
    credentialId: null,
    sshCredentialId: null,
  }));
}

/** Builds, stores and approves a plan over the scripted devices; gates: the show-health check only. */
export async function makePlan(h: Harness, addresses: string[], overrides: Partial<PlanRequest> = {}): Promise<string> {
  const opts = PlanRequest.parse({
    template: 'ntp-test',
    params: { server: '192.0.2.1' },
    targets: 'all',
    pilot: `device:${addresses[0]}`,
    waves: ['50%', '100%'],
    confirmWithinSec: 30,
    soakSec: 0,
    gates: { snmpReachable: false, interfacesStayUp: true, noNewCriticalThreats: false, show: { command: 'show health', pattern: 'status: ok' } },
    ...overrides,
  });
  const { plan, changes } = await buildPlan(opts, {
    template: { spec: TEST_TEMPLATE, source: 'file', file: 'ntp-test.yaml' },
    inventory: inventoryOf(addresses),
    segments: [],
    openDriver: async (t) => new ScriptedDriver(h.states, t.address, MS_PER_SEC),
    actor: 'test',
  });
  await h.repo.insertPlan(plan, changes);
  await h.repo.approve(plan.id, 'test');
  return plan.id;
}
