import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { LinuxLbDriver, type LinuxLbOptions } from '../../../../electron/engine/drivers/linux-lb-driver';
import { PinningHostKeyStore } from '../../../../electron/engine/ssh/host-key-store';
import { MemoryHostKeyRecords } from '../../../../electron/engine/ssh/host-keys-repo';
import { openSshSession } from '../../../../electron/engine/ssh/ssh-session';
import type { NetnsHosts } from '../../../support/netns';
import { SSHD } from '../../ssh/support/sshd';

export const canConnect = (host: string, port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = net.connect({ host, port }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });

/**
 * Which backend answered a request through the proxy (the fake backends name themselves in the JSON body): a GET,
 * or a POST of `jsonBody` when given.
 */
export function whoAnswers(host: string, port: number, jsonBody?: string): Promise<string> {
  const headers = jsonBody === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(jsonBody) };
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, method: jsonBody === undefined ? 'GET' : 'POST', path: '/v1/chat/completions', agent: false, timeout: 5000, headers }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => {
        try {
          resolve((JSON.parse(text) as { backend: string }).backend);
        } catch {
          reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`));
        }
      });
    });
    req.on('error', reject);
    req.end(jsonBody);
  });
}

/** OpenSSH sshd in a namespace on address:port: root logs in with the client key only. Its files go to dir. */
export function spawnHostSshd(hosts: NetnsHosts, ns: string, opts: { dir: string; address: string; port: number; hostKey: string; clientKey: string }): void {
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const conf = path.join(opts.dir, 'sshd_config');
  fs.writeFileSync(
    conf,
    [`AuthorizedKeysFile ${opts.clientKey}.pub`, 'PermitRootLogin prohibit-password', 'PasswordAuthentication no', 'KbdInteractiveAuthentication no', 'StrictModes no', 'UsePAM no', `PidFile ${path.join(opts.dir, 'sshd.pid')}`, ''].join('\n'),
  );
  hosts.spawn(ns, SSHD, ['-D', '-e', '-f', conf, '-p', String(opts.port), '-o', `ListenAddress=${opts.address}`, '-h', opts.hostKey], path.join(opts.dir, 'sshd.log'));
}

/** An nginx prefix dir with a hand-written config (everything to one upstream), nginx started on it in the namespace. */
export function startHandWrittenNginx(hosts: NetnsHosts, ns: string, opts: { dir: string; conf: string; listenPort: number; upstream: string }): void {
  fs.writeFileSync(
    opts.conf,
    [
      '# hand-written before Routewise',
      'worker_processes 1;',
      'error_log stderr warn;',
      'pid nginx.pid;',
      'events { worker_connections 64; }',
      'http {',
      '    access_log off;',
      ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `    ${t}_temp_path ${t}_temp;`),
      `    server { listen ${opts.listenPort}; location / { proxy_pass http://${opts.upstream}; } }`,
      '}',
      '',
    ].join('\n'),
  );
  // error_log stderr: the daemon would hold the exec's pipe open.
  hosts.exec(ns, 'sh', ['-c', `nginx -p ${opts.dir}/ -c ${opts.conf} -g 'user root;' > /dev/null 2>&1 < /dev/null`]);
}

/** The nginx commands of a host started by startHandWrittenNginx, as a policy deploy's host spec takes them. */
export const nginxCommands = (dir: string, conf: string) => ({
  reloadCommand: `nginx -p ${dir}/ -c ${conf} -g 'user root;' -s reload`,
  checkCommand: `nginx -t -q -p ${dir}/ -c {file}`,
});

/**
 * Kills what the test left running: the pids in each pid file (a revert.pid holds a process group), then whatever
 * still runs in the namespaces (proxy workers, sshd, revert jobs): all of it is this test's.
 */
export function killLeftovers(pidFiles: string[], namespaces: string[]): void {
  const kill = (pid: number) => {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  for (const f of pidFiles) {
    if (!fs.existsSync(f)) continue;
    for (const pid of fs.readFileSync(f, 'utf8').split(/\s+/).filter(Boolean)) kill(f.endsWith('revert.pid') ? -Number(pid) : Number(pid));
  }
  for (const ns of namespaces) {
    let pids: string[] = [];
    try {
      pids = execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' }).split('\n').filter(Boolean);
    } catch {
      // no such namespace
    }
    for (const pid of pids) kill(Number(pid));
  }
}

/** The driver on its own, over a fresh SSH session to the host as root with the client key. */
export async function openLbDriver(address: string, sshPort: number, clientKey: string, opts: LinuxLbOptions): Promise<LinuxLbDriver> {
  const session = await openSshSession(
    { host: address, port: sshPort },
    { id: 't', kind: 'ssh', label: 't', user: 'root', privateKey: fs.readFileSync(clientKey, 'utf8') },
    { timeoutMs: 15_000, hostKeys: new PinningHostKeyStore(new MemoryHostKeyRecords()), platform: 'linux' },
  );
  return new LinuxLbDriver({ cli: session, ...opts });
}
