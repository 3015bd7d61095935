import { openView } from './app-helpers';
import { connectToHost } from './engine-client';
import { chromiumAvailable, expect, openApp, test } from './fixtures';

test.skip(!chromiumAvailable, 'Debian chromium is not installed (apt-get install chromium)');

// This spec's addresses: 127.60.0.0/16 (AI traffic block). The simulation sends no traffic; the deploy plan
// tries SSH to 127.60.0.21:2799, where nothing listens, and records that it could not read the diff.
const BACKENDS = [
  { id: 'fast1', port: 2701, tokensPerSec: 80, maxConcurrent: 4 },
  { id: 'fast2', port: 2702, tokensPerSec: 80, maxConcurrent: 4 },
  { id: 'slow1', port: 2703, tokensPerSec: 15, maxConcurrent: 2 },
];
const POLICY_A = 'name: rr\nalgorithm: round-robin\nfrontend: { address: 0.0.0.0, port: 2790 }\npools:\n  - name: all\n    backends: [fast1, fast2, slow1]\n';
const POLICY_B = 'name: lc\nalgorithm: least-connections\npools:\n  - name: all\n    backends: [fast1, fast2, slow1]\n';
const REQUESTS = 1000;
const RATE = 1.5;

test('compares two policies side by side in charts with their numbers, and plans a deploy rollout', async ({ page, host }) => {
  const { api, close } = await connectToHost(host);
  try {
    for (const b of BACKENDS) {
      await api.call('ai-services.upsert', { id: b.id, address: '127.60.0.31', port: b.port, model: 'llama3', capacity: { maxConcurrent: b.maxConcurrent, tokensPerSec: b.tokensPerSec } });
    }
    const ssh = await api.call('credentials.create', { kind: 'ssh', label: 'lb admin', user: 'lbadmin', password: 'not-used-here' });
    // The same seeded synthetic trace the view builds (its models from the registry, 50 clients 10.0.0.x).
    const expected = await api.call('policy.simulate', {
      policies: [POLICY_A, POLICY_B],
      trace: { synthetic: { requests: REQUESTS, ratePerSec: RATE, models: { llama3: 1 }, clients: Array.from({ length: 50 }, (_, i) => `10.0.0.${i + 1}`) } },
    });
    expect(expected.map((r) => r.policy)).toEqual(['rr', 'lc']);

    await openApp(page, host);
    await openView(page, 'AI services');
    await page.getByRole('textbox', { name: 'Policy (YAML or JSON)' }).fill(POLICY_A);
    await page.getByRole('textbox', { name: 'Policy to compare (optional)' }).fill(POLICY_B);
    await page.getByLabel('Requests').fill(String(REQUESTS));
    await page.getByLabel('Rate /s').fill(String(RATE));
    await page.getByRole('button', { name: 'Simulate', exact: true }).click();

    const charts = page.getByTestId('ai-comparison-charts');
    await expect(charts).toBeVisible();
    await expect(charts.getByRole('list', { name: 'Policies' })).toHaveText(/rr.*lc/);
    const latency = charts.getByRole('group', { name: 'Latency percentiles (ms)' });
    for (const k of ['p50', 'p95', 'p99'] as const) {
      const label = `${k}: ${expected.map((r) => `${r.policy} ${r.latencyMs[k].toFixed(0)} ms`).join(', ')}`;
      await expect(latency.getByRole('group', { name: label, exact: true })).toBeVisible();
    }
    // The numbers are written on the chart, not only in its labels.
    for (const r of expected) await expect(latency.locator(`text[data-policy="${r.policy}"]`).first()).toHaveText(`${r.latencyMs.p50.toFixed(0)} ms`);
    const load = charts.getByRole('group', { name: /Load per backend/ });
    for (const b of BACKENDS) {
      const shares = expected.map((r) => r.backends.find((x) => x.id === b.id)!);
      await expect(load.getByRole('group', { name: new RegExp(`^${b.id}: rr ${(shares[0]!.share * 100).toFixed(1)}% \\(${shares[0]!.requests} req`) })).toBeVisible();
      await expect(load.getByRole('group', { name: new RegExp(`lc ${(shares[1]!.share * 100).toFixed(1)}% \\(${shares[1]!.requests} req`) }).first()).toBeVisible();
    }
    const rejects = charts.getByRole('group', { name: 'Rejected and unroutable requests' });
    for (const r of expected) await expect(rejects.getByRole('group', { name: `${r.policy}: ${r.policy} ${r.rejects} rejected, ${r.unroutable} unroutable of ${r.requests}` })).toBeVisible();
    // Least-connections keeps requests off the slow backend, round-robin overfills it: the bars differ where the policies do.
    expect(expected[1]!.backends.find((x) => x.id === 'slow1')!.share).toBeLessThan(expected[0]!.backends.find((x) => x.id === 'slow1')!.share);
    await expect(charts.getByText('No policy overloads a measured link')).toBeVisible();

    // Deploy: the plan opens in the Rollouts view, pilot first.
    const form = page.getByRole('form', { name: 'Deploy through a rollout' });
    await form.getByLabel(/Load-balancer hosts/).fill('127.60.0.21:2799\n127.60.0.22:2799');
    await expect(form.getByLabel('SSH credential')).toHaveValue(ssh.id);
    await form.getByLabel('Reload command').fill('haproxy -D -p /run/haproxy.pid -f /etc/haproxy/haproxy.cfg -sf $(cat /run/haproxy.pid)');
    await form.getByRole('button', { name: 'Plan deploy rollout' }).click();
    await expect(page.locator('main#main h1')).toHaveText('Rollouts');
    const plans = (await api.call('rollout.list', {})).plans;
    expect(plans[0]).toMatchObject({ template: 'ai-policy-rr', status: 'draft', devices: 2, phases: 2 });
    await expect(page.getByTestId('rollout-history').getByRole('button', { name: /ai-policy-rr/ })).toHaveAttribute('aria-current', 'true');
    await expect(page.getByText('127.60.0.21').first()).toBeVisible();
    await expect(page.getByText(/gates: interfaces stay up, no new critical threats, backend health from the host \(3 backends\), latency p95 < 1000 ms over 20 requests/)).toBeVisible();
  } finally {
    close();
  }
});
