import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../electron/engine/ai-traffic/policy-parse';
import { renderPolicy } from '../../../electron/engine/ai-traffic/render';
import type { Driver } from '../../../electron/engine/drivers/driver';
import { openDriver } from '../../../electron/engine/drivers/driver-factory';
import { type RunningLab, startLab } from '../../../electron/engine/lab/lab-runner';
import { sshService } from '../../../electron/engine/lab/ssh-server';
import { PinningHostKeyStore } from '../../../electron/engine/ssh/host-key-store';
import { MemoryHostKeyRecords } from '../../../electron/engine/ssh/host-keys-repo';
import { type PolicyInput } from '../../../shared/api/ai-traffic';
import { LabStartInput } from '../../../shared/api/lab';
import { makeTempDir } from '../../support/temp-dir';

/**
 * The rendered FortiOS virtual servers pushed through the real FortiOS driver into the lab FortiGate's CLI: every
 * line is accepted (the driver fails on `Command fail` / parse errors) and the VIPs, their nested real servers and
 * the health monitors read back as FortiOS shows them. The lab checks structure (config/edit/set/next/end nesting),
 * not FortiOS's value validation.
 */
describe('FortiOS virtual servers against the lab FortiOS CLI', () => {
  let lab: RunningLab;
  let tmp: { dir: string; cleanup: () => void };
  let drv: Driver;
  let open: () => Promise<Driver>;

  beforeAll(async () => {
    tmp = makeTempDir('routewise-fortios-vip-');
    lab = await startLab({ options: LabStartInput.parse({ devices: 12, base: '127.61.0.0', seed: 11 }), services: [sshService(tmp.dir)] });
    const d = lab.model.devices.find((x) => x.platform === 'fortios');
    if (!d) throw new Error('the lab has no FortiOS device');
    const hostKeys = new PinningHostKeyStore(new MemoryHostKeyRecords());
    open = () =>
      openDriver(
        { address: d.address, sshPort: d.sshPort, platform: 'fortios' },
        { id: 'lab', kind: 'ssh', label: 'lab', user: lab.model.credentials.ssh.user, password: lab.model.credentials.ssh.password },
        { hostKeys, timeoutMs: 15_000 },
      );
    drv = await open();
  }, 60_000);
  afterAll(async () => {
    await drv?.close().catch(() => undefined);
    await lab?.stop();
    tmp?.cleanup();
  });

  it('accepts every line of the rendered config and shows the VIPs and monitors', async () => {
    const r = parsePolicy(
      JSON.stringify({
        name: 'fgt',
        algorithm: 'least-connections',
        frontend: { address: '198.19.161.10', port: 2780 },
        backends: [
          { id: 'a', address: '198.19.161.21', port: 2701, model: 'llama3', weight: 2, capacity: { maxConcurrent: 4, tokensPerSec: 50 } },
          { id: 'b', address: '198.19.161.22', port: 2701, model: 'llama3', capacity: { maxConcurrent: 4, tokensPerSec: 50 } },
          { id: 'm', address: '198.19.161.23', port: 2702, model: 'mistral', healthPath: '/healthz', capacity: { maxConcurrent: 4, tokensPerSec: 50 } },
        ],
        pools: [
          { name: 'llama', backends: ['a', 'b'] },
          { name: 'small', algorithm: 'weighted-round-robin', backends: ['m'] },
        ],
        rules: [{ match: { model: 'mistral' }, pool: 'small' }],
      } satisfies PolicyInput),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    // The header comment is for people reading a saved file; the CLI gets the commands.
    const config = renderPolicy(r.policy, 'fortios').config.split('\n').filter((l) => !l.startsWith('#')).join('\n');
    await drv.loadCandidate(config, 'merge');
    await drv.commit();
    const vip = await drv.show('show firewall vip');
    expect(vip).toMatch(/edit "rw-ai-llama"\n(\s+set .*\n)*\s+set type "?server-load-balance"?\n/);
    expect(vip).toMatch(/set ldb-method "?least-session"?/);
    expect(vip).toMatch(/edit "rw-ai-small"[\s\S]*set ldb-method "?weighted"?/);
    expect(vip).toMatch(/set extport 2781/);
    // Each VIP keeps its own real servers (nested config under the edit).
    const llama = /edit "rw-ai-llama"\n([\s\S]*?)\n {4}next/.exec(vip)?.[1] ?? '';
    expect(llama).toMatch(/ {8}config realservers\n {12}edit "1"\n {16}set ip 198\.19\.161\.21\n {16}set port 2701\n {16}set weight 2\n/);
    expect(llama).toMatch(/ {12}edit "2"\n {16}set ip 198\.19\.161\.22\n/);
    expect(llama).not.toContain('198.19.161.23');
    const small = /edit "rw-ai-small"\n([\s\S]*?)\n {4}next/.exec(vip)?.[1] ?? '';
    expect(small).toMatch(/edit "1"\n {16}set ip 198\.19\.161\.23\n {16}set port 2702/);
    // Read back over a fresh look at the whole config: no stray top-level realservers block.
    expect(await drv.runningConfig()).not.toMatch(/^config realservers/m);
    const monitors = await drv.show('show firewall ldb-monitor');
    expect(monitors).toMatch(/edit "rw-ai-health-0"[\s\S]*set http-get "\/v1\/models"/);
    expect(monitors).toMatch(/edit "rw-ai-health-1"[\s\S]*set http-get "\/healthz"/);

    // A change inside a nested block, committed with a revert point and rolled back: the nested config returns byte for byte.
    const before = await drv.runningConfig();
    await drv.loadCandidate('config firewall vip\nedit "rw-ai-llama"\nconfig realservers\nedit 2\nset weight 7\nnext\nend\nnext\nend\n', 'merge');
    await drv.commit({ revertAfterSec: 600 });
    expect(await drv.show('show firewall vip')).toMatch(/edit "2"\n {16}set ip 198\.19\.161\.22\n {16}set port 2701\n {16}set status "active"\n {16}set weight 7/);
    await drv.rollback();
    // Restoring a flash backup reboots a FortiGate: read the config over a new session.
    await drv.close().catch(() => undefined);
    drv = await open();
    expect(await drv.runningConfig()).toBe(before);
  }, 60_000);
});
