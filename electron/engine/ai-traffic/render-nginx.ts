import type { Policy } from '../../../shared/api/ai-traffic';
import { algorithmOf, backendsOf, header, isMultiSite, reEscape, type Rendered, type RenderOptions, siteOrderFor } from './render-common';

export const DEBIAN_NJS_MODULE = '/usr/lib/nginx/modules/ngx_http_js_module.so';
const NJS_FILE = 'routewise-ai-route.js';

/**
 * njs content handler: the body is read before it runs (client_body_in_single_buffer keeps it in one
 * buffer), so it can parse the OpenAI `model`, store it in $ai_model (js_var survives the internal
 * redirect) and hand the request to the proxying named location. Falls back to X-Model when the body has
 * no model or was spooled to disk (larger than client_body_buffer_size).
 */
const NJS_ROUTER = `// Rendered by Routewise: sets $ai_model from the JSON body's "model", then proxies via @ai_proxy.
function route(r) {
  var model = '';
  try {
    if (r.requestText) model = String(JSON.parse(r.requestText).model || '');
  } catch (e) {
    model = '';
  }
  if (!model) model = r.headersIn['X-Model'] || '';
  r.variables.ai_model = model.replace(/[^A-Za-z0-9._\\/@+:-]/g, '').slice(0, 128);
  r.internalRedirect('@ai_proxy');
}
export default { route };
`;

/**
 * nginx (open source, 1.22). Plain nginx picks the upstream before the body is read, and `map` on
 * $request_body is not available at that point, so model rules match the `X-Model` request header
 * (the client or an API gateway sets it to the body's `model`); path rules match $uri. All rules are
 * one regex `map` over "uri|model|segment", evaluated in the policy's order (nginx tries map regexes in
 * order of appearance).
 */
export function renderNginx(policy: Policy, opts: RenderOptions = {}): Rendered {
  const njs = opts.nginxNjs === true;
  const notes = njs
    ? [
        `model rules read the JSON body through njs (${NJS_FILE}, loaded from ${opts.njsModulePath ?? DEBIAN_NJS_MODULE}); bodies over 64 KiB fall back to the X-Model header.`,
      ]
    : [
        'nginx routes model rules on the X-Model header, not the JSON body: open-source nginx picks the upstream before reading the body (render with njs to route on the body).',
      ];
  const byId = backendsOf(policy);
  const out: string[] = [header(policy, '#', 'nginx')];
  if (njs) out.push(`load_module ${opts.njsModulePath ?? DEBIAN_NJS_MODULE};`);
  out.push('worker_processes 1;', 'error_log stderr warn;', 'pid nginx.pid;', 'events { worker_connections 4096; }', 'http {', '    access_log off;');
  for (const t of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) out.push(`    ${t}_temp_path ${t}_temp;`);
  if (njs) out.push(`    js_import ai from ${NJS_FILE};`, '    js_var $ai_model;');
  out.push('    geo $ai_segment {', '        default any;');
  policy.segments.forEach((s) => s.cidrs.forEach((c) => out.push(`        ${c} ${s.name};`)));
  out.push('    }');
  const siteSegs = (site: string) => policy.segments.filter((s) => s.site === site).map((s) => s.name);
  out.push(`    map "$uri|${njs ? '$ai_model' : '$http_x_model'}|$ai_segment" $ai_pool {`, `        default ${policy.defaultPool ?? policy.pools[0]!.name};`);
  policy.rules.forEach((r) => {
    const m = r.match;
    const path = m.pathPrefix ? `${reEscape(m.pathPrefix)}[^|]*` : '[^|]*';
    const model =
      m.model !== undefined && m.modelVersion !== undefined
        ? `${reEscape(m.model)}:${reEscape(m.modelVersion)}`
        : m.model !== undefined
          ? `${reEscape(m.model)}(:[^|]*)?`
          : m.modelVersion !== undefined
            ? `[^|]*:${reEscape(m.modelVersion)}`
            : '[^|]*';
    const segs = m.clientSegment ? [m.clientSegment] : m.clientSite ? siteSegs(m.clientSite) : undefined;
    const seg = segs ? `(${segs.length ? segs.map(reEscape).join('|') : 'no-segment'})` : '[^|]*';
    out.push(`        "~^${path}\\|${model}\\|${seg}$" ${r.pool};`);
  });
  out.push('    }');
  // Multi-site pools get one upstream per segment (nearest site first, others backup); the rest one upstream.
  out.push('    map "$ai_pool|$ai_segment" $ai_upstream {', '        default "p_${ai_pool}";');
  policy.pools.forEach((p, pi) => {
    if (isMultiSite(policy, pi)) policy.segments.forEach((s) => out.push(`        "${p.name}|${s.name}" p_${p.name}__${s.name};`));
  });
  out.push('    }');
  const upstream = (name: string, pi: number, groups: string[][]) => {
    const algo = algorithmOf(policy, pi);
    // A shared zone keeps round-robin position and connection counts across workers.
    out.push(`    upstream ${name} {`, `        zone ${name} 64k;`);
    if (algo === 'least-connections' || algo === 'latency-aware') out.push('        least_conn;');
    if (algo === 'ip-hash') out.push('        hash $remote_addr consistent;');
    groups.forEach((g, gi) =>
      g.forEach((id) => {
        const b = byId.get(id)!;
        const addr = b.address.includes(':') ? `[${b.address}]` : b.address;
        const weight = algo === 'round-robin' ? '' : ` weight=${b.weight}`;
        // `backup` is not allowed together with hash balancing (nginx docs, ngx_http_upstream_module).
        const backup = gi > 0 && algo !== 'ip-hash' ? ' backup' : '';
        out.push(`        server ${addr}:${b.port}${weight} max_fails=1 fail_timeout=5s${backup}${b.healthy ? '' : ' down'};`);
      }),
    );
    out.push('    }');
  };
  policy.pools.forEach((p, pi) => {
    upstream(`p_${p.name}`, pi, [p.backends]);
    if (isMultiSite(policy, pi)) policy.segments.forEach((s, si) => upstream(`p_${p.name}__${s.name}`, pi, siteOrderFor(policy, pi, si)));
  });
  const listen = policy.frontend.address.includes(':') ? `[${policy.frontend.address}]` : policy.frontend.address;
  out.push(
    '    server {',
    `        listen ${listen}:${policy.frontend.port};`,
    '        client_max_body_size 16m;',
    ...(njs
      ? ['        client_body_buffer_size 64k;', '        client_body_in_single_buffer on;', '        location / {', '            js_content ai.route;', '        }', '        location @ai_proxy {']
      : ['        location / {']),
    '            proxy_pass http://$ai_upstream;',
    '            proxy_http_version 1.1;',
    '            proxy_set_header Connection "";',
    '            proxy_next_upstream error timeout http_502 http_503;',
    '            proxy_connect_timeout 2s;',
    '            proxy_read_timeout 300s;',
    '        }',
    '    }',
    '}',
  );
  if (policy.algorithm === 'ip-hash' || policy.pools.some((p) => p.algorithm === 'ip-hash'))
    notes.push('nginx `hash … consistent` is ketama without a load bound: hash-balance-factor has no nginx equivalent, and backup servers are not allowed with hash, so further sites are ordinary members there.');
  if (policy.algorithm === 'latency-aware' || policy.pools.some((p) => p.algorithm === 'latency-aware'))
    notes.push('open-source nginx has no latency balancer (least_time is NGINX Plus): latency-aware renders as least_conn.');
  notes.push('Passive health only (max_fails/fail_timeout); active checks need NGINX Plus or a sidecar.');
  return { config: `${out.join('\n')}\n`, notes, files: njs ? [{ name: NJS_FILE, content: NJS_ROUTER }] : [] };
}
