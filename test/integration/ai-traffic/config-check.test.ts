import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../electron/engine/ai-traffic/policy-parse';
import { renderPolicy } from '../../../electron/engine/ai-traffic/render';
import { DEBIAN_NJS_MODULE } from '../../../electron/engine/ai-traffic/render-nginx';
import { BalanceAlgorithm } from '../../../shared/api/ai-traffic';
import { requireTool, skipOrFail } from '../../support/require-tool';
import { makeTempDir } from '../../support/temp-dir';

const haveHaproxy = requireTool('haproxy');
const haveNginx = requireTool('nginx');
const haveNjs = haveNginx && (fs.existsSync(DEBIAN_NJS_MODULE) || skipOrFail(`njs variant not checked: ${DEBIAN_NJS_MODULE} missing (apt-get install libnginx-mod-http-js)`));

/** Every algorithm, rules of every kind, two segments, a multi-site pool and a down backend. */
function fullPolicy(algorithm: BalanceAlgorithm) {
  const b = (id: string, port: number, site: string, model = 'llama3', healthy = true) => ({ id, address: '127.0.0.1', port, model, site, healthy, capacity: { maxConcurrent: 4, tokensPerSec: 50 } });
  const r = parsePolicy(
    JSON.stringify({
      name: `all-${algorithm}`,
      algorithm,
      frontend: { port: 2595 },
      backends: [b('a1', 2501, 'hq'), b('a2', 2502, 'dc2'), b('a3', 2503, 'dc3', 'llama3', false), b('m1', 2504, 'hq', 'mistral')],
      pools: [
        { name: 'llama', backends: ['a1', 'a2', 'a3'] },
        { name: 'small', backends: ['m1'] },
      ],
      rules: [
        { match: { model: 'mistral' }, pool: 'small' },
        { match: { modelVersion: '8b' }, pool: 'small' },
        { match: { pathPrefix: '/v1/embeddings', clientSite: 'hq' }, pool: 'small' },
        { match: { clientSegment: 'branch', model: 'llama3', modelVersion: '70b' }, pool: 'llama' },
      ],
      defaultPool: 'llama',
      segments: [
        { name: 'office', cidrs: ['10.1.0.0/16', '127.0.0.0/25'], site: 'hq', failover: ['dc2', 'dc3'] },
        { name: 'branch', cidrs: ['10.2.0.0/16'], site: 'dc2', failover: ['hq'] },
      ],
    }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.policy;
}

describe.skipIf(!haveHaproxy)('rendered HAProxy configs pass haproxy -c', () => {
  it.each(BalanceAlgorithm.options)('%s', (algorithm) => {
    const { dir, cleanup } = makeTempDir('routewise-ai-check-');
    try {
      const file = path.join(dir, 'haproxy.cfg');
      fs.writeFileSync(file, renderPolicy(fullPolicy(algorithm), 'haproxy').config);
      expect(execFileSync('haproxy', ['-c', '-f', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toMatch(/Configuration file is valid/);
    } finally {
      cleanup();
    }
  });
});

describe.skipIf(!haveNginx)('rendered nginx configs pass nginx -t', () => {
  it.each(BalanceAlgorithm.options)('%s', (algorithm) => {
    const { dir, cleanup } = makeTempDir('routewise-ai-check-');
    try {
      const file = path.join(dir, 'nginx.conf');
      fs.writeFileSync(file, renderPolicy(fullPolicy(algorithm), 'nginx').config);
      // nginx -t reports on stderr; a non-zero exit throws with the message.
      execFileSync('nginx', ['-t', '-p', `${dir}/`, '-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      if (haveNjs) {
        const njs = renderPolicy(fullPolicy(algorithm), 'nginx', { nginxNjs: true });
        fs.writeFileSync(file, njs.config);
        for (const f of njs.files) fs.writeFileSync(path.join(dir, f.name), f.content);
        execFileSync('nginx', ['-t', '-p', `${dir}/`, '-c', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      }
    } finally {
      cleanup();
    }
  });
});
