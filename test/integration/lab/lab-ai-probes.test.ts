import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabStartInput } from '../../../shared/api/lab';
import type { ScanDevice } from '../../../shared/api/scan';
import { aiCatalog, evaluateAiCapability } from '../../../electron/engine/discovery/catalog/ai-catalog';
import { vendorFromSysObjectId } from '../../../electron/engine/discovery/identify/enterprise-vendor';
import { labAiFeatureState } from '../../../electron/engine/lab/lab-ai-state';
import type { LabDevice } from '../../../electron/engine/lab/lab-model-types';
import { type RunningLab, startLab } from '../../../electron/engine/lab/lab-runner';
import { sshService } from '../../../electron/engine/lab/ssh-server';
import { scanToEnd, useInProcessEngine } from '../../support/in-process-engine';

const BASE = '127.45.0.0';
const ROOT = path.resolve(__dirname, '../../..');
const run = promisify(execFile);

/** The catalog rules with a live-state probe that credit this lab device (from the facts a scan reads). */
function probedRules(d: LabDevice): string[] {
  const v = evaluateAiCapability({
    vendor: vendorFromSysObjectId(d.spec.sysObjectID)?.vendor ?? d.spec.vendor,
    platform: d.platform,
    model: d.spec.model,
    osVersion: d.spec.osVersion,
    sources: ['snmp'],
  });
  const ids = new Set(v.evidence.map((e) => e.ruleId));
  return aiCatalog.rules.filter((r) => ids.has(r.id) && r.probe?.parser).map((r) => r.id);
}

/**
 * A scan with SSH credentials reads each AI feature's live state from the lab CLIs (real SSH sessions, the
 * platform's real commands) and the state it records is the one the lab model gave the device.
 */
describe('AI feature-state probes over SSH against the lab', () => {
  const rt = useInProcessEngine('routewise-lab-ai-probes-', { actor: 'test:lab-ai-probes' });
  let lab: RunningLab;

  beforeAll(async () => {
    lab = await startLab({ options: LabStartInput.parse({ devices: 12, base: BASE, seed: 2 }), services: [sshService(rt.dataDir)] });
  });
  afterAll(async () => {
    await lab?.stop();
  });

  it('records each probed feature with the lab state and the command output as evidence', async () => {
    const creds = lab.model.credentials;
    await rt.client.call('scope.add', { range: '127.45.0.0/24' });
    const { scanId } = await rt.client.call('scan.start', {
      targets: ['127.45.0.1-12'],
      snmpPort: lab.model.devices[0]!.snmpPort,
      sshPort: lab.model.devices[0]!.sshPort,
      adHocCredentials: [
        { kind: 'snmp-v2c', label: 'lab v2c', community: creds.snmpV2cCommunity },
        { kind: 'ssh', label: 'lab ssh', user: creds.ssh.user, password: creds.ssh.password },
      ],
    });
    const detail = await scanToEnd(rt.client, scanId, 120_000);
    expect(detail.scan.status).toBe('completed');

    const seen = new Set<string>();
    let probedDevices = 0;
    for (const d of lab.model.devices) {
      const found: ScanDevice | undefined = detail.devices.find((x) => x.address === d.address);
      expect(found, d.hostname).toBeDefined();
      const rules = probedRules(d);
      const states = found!.ai.featureStates;
      expect(new Set(states.map((s) => s.ruleId)), `${d.hostname} (${d.spec.key})`).toEqual(new Set(rules));
      if (rules.length === 0) continue;
      probedDevices++;
      const want = labAiFeatureState(lab.model, d);
      for (const s of states) {
        expect(s.state, `${d.hostname} ${s.ruleId} ${s.feature}`).toBe(want);
        expect(s.evidence.length, `${d.hostname} ${s.ruleId}`).toBeGreaterThan(0);
        for (const e of s.evidence) expect(e.via).toBe('ssh');
      }
      seen.add(want);
      // The stored inventory detail carries the same states.
      const stored = await rt.client.call('inventory.get', { id: found!.deviceId });
      expect(stored.ai?.featureStates).toEqual(states);
    }
    expect(probedDevices).toBeGreaterThanOrEqual(5);
    // Seed 2 gives this lab each state at least once: the comparison above is not one value repeated.
    expect(seen).toEqual(new Set(['enabled', 'licensed', 'disabled']));
  });

  it('routewise scan --json prints the same states with their evidence', async () => {
    const creds = lab.model.credentials;
    const d = lab.model.devices.find((x) => x.platform === 'fortios')!;
    const env = { ...process.env, ROUTEWISE_MASTER_KEY: crypto.randomBytes(32).toString('base64') };
    const cli = (args: string[]) => run(process.execPath, ['bin/routewise.mjs', '--data-dir', path.join(rt.dataDir, 'cli'), ...args], { cwd: ROOT, env, maxBuffer: 64 << 20 });
    await cli(['scope', 'add', `${d.address}/32`]);
    const { stdout } = await cli([
      'scan', d.address, '--community', creds.snmpV2cCommunity, '--ssh-user', creds.ssh.user, '--ssh-password', creds.ssh.password,
      '--snmp-port', String(d.snmpPort), '--ssh-port', String(d.sshPort), '--json',
    ]);
    const out = JSON.parse(stdout) as { devices: ScanDevice[] };
    const states = out.devices[0]?.ai.featureStates ?? [];
    expect(states.length).toBeGreaterThan(0);
    for (const s of states) expect(s.state).toBe(labAiFeatureState(lab.model, d));
    expect(states[0]?.evidence.map((e) => e.command)).toEqual(['diagnose autoupdate versions', 'show firewall policy | grep ips-sensor']);
  });
});
