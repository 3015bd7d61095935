import { type FormEvent, type ReactElement, useEffect, useState } from 'react';
import { displayText } from '../../lib/display-text';
import { useAiServicesStore } from './ai-services-store';

type LbTarget = 'haproxy' | 'nginx' | 'fortios';
const DEFAULT_CONFIG: Record<LbTarget, string> = { haproxy: '/etc/haproxy/haproxy.cfg', nginx: '/etc/nginx/nginx.conf', fortios: '' };

/** `address` or `address:sshPort` per line ([v6]:port for IPv6). */
export function parseHostLines(text: string): Array<{ address: string; sshPort: number }> {
  return text
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(l) ?? /^([^:]+)(?::(\d+))?$/.exec(l);
      return m ? { address: m[1]!, sshPort: m[2] ? Number(m[2]) : 22 } : { address: l, sshPort: 22 };
    });
}

/**
 * Deploy the policy through a phased rollout: the engine renders it, plans pilot + waves over the load-balancer
 * hosts with backend-health and latency gates, and the plan opens in the Rollouts view for review and approval.
 */
export function DeployPanel(): ReactElement {
  const s = useAiServicesStore();
  const [target, setTarget] = useState<LbTarget>('haproxy');
  const [hostsText, setHostsText] = useState('');
  const [credentialId, setCredentialId] = useState('');
  const [configPath, setConfigPath] = useState(DEFAULT_CONFIG.haproxy);
  const [reloadCommand, setReloadCommand] = useState('');
  const [waves, setWaves] = useState('100%');
  const [p95MaxMs, setP95MaxMs] = useState(1000);
  const [nginxNjs, setNginxNjs] = useState(false);
  const fortios = target === 'fortios';
  useEffect(() => {
    void useAiServicesStore.getState().loadCredentials();
  }, []);
  const hosts = parseHostLines(hostsText);
  const credential = credentialId || s.sshCredentials[0]?.id || '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.deploy({
      target,
      hosts: hosts.map((h) => (fortios ? { ...h, credentialId: credential } : { ...h, credentialId: credential, configPath, ...(reloadCommand.trim() ? { reloadCommand: reloadCommand.trim() } : {}) })),
      nginxNjs: target === 'nginx' && nginxNjs,
      waves: waves.split(',').map((w) => w.trim()).filter(Boolean),
      latency: { requests: 20, p95MaxMs },
    });
  };

  return (
    <form className="aid-form" aria-label="Deploy through a rollout" onSubmit={submit}>
      <label>
        Data plane
        <select
          value={target}
          onChange={(e) => {
            const t = e.target.value as LbTarget;
            if (configPath === DEFAULT_CONFIG[target]) setConfigPath(DEFAULT_CONFIG[t]);
            setTarget(t);
          }}
        >
          <option value="haproxy">HAProxy host</option>
          <option value="nginx">nginx host</option>
          <option value="fortios">FortiGate (virtual servers)</option>
        </select>
      </label>
      {target === 'nginx' && (
        <label>
          <input type="checkbox" checked={nginxNjs} onChange={(e) => setNginxNjs(e.target.checked)} /> Route on the JSON body model with njs (deploys
          the companion .js file beside the config)
        </label>
      )}
      <label>
        Load-balancer hosts (one per line, address or address:ssh-port; the first is the pilot)
        <textarea rows={3} spellCheck={false} value={hostsText} onChange={(e) => setHostsText(e.target.value)} />
      </label>
      <label>
        SSH credential
        <select value={credential} onChange={(e) => setCredentialId(e.target.value)}>
          {s.sshCredentials.length === 0 && <option value="">No SSH credential in the vault (add one in Settings)</option>}
          {s.sshCredentials.map((c) => (
            <option key={c.id} value={c.id}>
              {displayText(c.label, 64)} ({displayText(c.public.user ?? '', 64)})
            </option>
          ))}
        </select>
      </label>
      {!fortios && (
        <>
          <label>
            Config file on each host
            <input value={configPath} onChange={(e) => setConfigPath(e.target.value)} />
          </label>
          <label>
            Reload command (default systemctl reload {target})
            <input value={reloadCommand} onChange={(e) => setReloadCommand(e.target.value)} placeholder={`systemctl reload ${target}`} />
          </label>
        </>
      )}
      <label>
        Waves after the pilot
        <input value={waves} onChange={(e) => setWaves(e.target.value)} />
      </label>
      {!fortios && (
        <label>
          Latency gate: p95 through each proxy under (ms)
          <input type="number" min={1} max={60000} value={p95MaxMs} onChange={(e) => setP95MaxMs(Number(e.target.value))} />
        </label>
      )}
      {s.deployError && (
        <p className="form-error" role="alert">
          {s.deployError}
        </p>
      )}
      <div>
        <button type="submit" className="button button-primary" disabled={s.deploying || hosts.length === 0 || !credential}>
          {s.deploying ? 'Planning…' : 'Plan deploy rollout'}
        </button>{' '}
        <span className="dim">
          {hosts.length} host(s): pilot {hosts[0]?.address ?? '—'}, then {Math.max(0, hosts.length - 1)} in the waves.{' '}
          {fortios ? "Gate: every real server alive per the FortiGate's own health monitors." : 'Gates: backend health from each host, latency through it.'}
        </span>
      </div>
    </form>
  );
}
