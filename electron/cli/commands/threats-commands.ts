import type { Command } from 'commander';
import { RoutewiseError } from '../../../shared/api/errors';
import type { ListenRequest, StoredInsight } from '../../../shared/api/threats';
import { type CliRuntime, type GlobalOptions, withRuntime } from '../runtime';

/** Fields `threats list --json` prints for each insight (issue 7), plus dedup and correlation. */
const LIST_FIELDS = [
  'id', 'time', 'deviceAddress', 'severity', 'confidence', 'category', 'signature', 'srcIp', 'srcPort', 'dstIp',
  'dstPort', 'technique', 'action', 'format', 'raw', 'count', 'firstSeen', 'lastSeen', 'correlationId', 'model',
] as const;

function pick(i: StoredInsight): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of LIST_FIELDS) out[k] = i[k] ?? null;
  return out;
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new RoutewiseError('bad-request', `not a port: ${v}`);
  return n;
}

/** "name:sha:authpass:aes:privpass" (authPriv), "name:sha:authpass" (authNoPriv) or "name" (noAuthNoPriv). */
function v3User(spec: string, prev: NonNullable<ListenRequest['trap']>['users'] = []) {
  const [name = '', authProtocol, authKey, privProtocol, privKey] = spec.split(':');
  const level = privKey ? 'authPriv' : authKey ? 'authNoPriv' : 'noAuthNoPriv';
  return [...(prev ?? []), { name, level, authProtocol, authKey, privProtocol, privKey }] as NonNullable<ListenRequest['trap']>['users'];
}

/** One line per insight for a human watching the feed; device strings stripped of control characters. */
function feedLine(i: StoredInsight): string {
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  const src = i.srcIp ? `${i.srcIp}${i.srcPort !== null ? `:${i.srcPort}` : ''}` : '-';
  const dst = i.dstIp ? `${i.dstIp}${i.dstPort !== null ? `:${i.dstPort}` : ''}` : '-';
  return `${i.time}  ${i.severity.padEnd(13)} ${i.category.padEnd(17)} ${i.deviceAddress}  ${src} -> ${dst}  ${clean(i.signature).slice(0, 120)}${i.count > 1 ? ` (x${i.count})` : ''}`;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

export function registerThreatsCommands(program: Command, globals: () => GlobalOptions): void {
  const threats = program.command('threats').description('threat insights from AI-capable and legacy devices, and SIEM forwarding');

  threats
    .command('listen')
    .description('receive syslog (UDP/TCP/TLS) and SNMP traps, store insights, print the live feed (Ctrl-C stops)')
    .option('--host <address>', 'address to bind (loopback unless --allow-remote)', '127.0.0.1')
    .option('--allow-remote', 'bind a non-loopback address', false)
    .option('--syslog-udp <port>', 'syslog over UDP (RFC 5426)')
    .option('--syslog-tcp <port>', 'syslog over TCP (RFC 6587, octet-counting or LF framing)')
    .option('--syslog-tls <port>', 'syslog over TLS (RFC 5425); needs --cert and --key')
    .option('--cert <file>', 'PEM certificate for --syslog-tls')
    .option('--key <file>', 'PEM private key for --syslog-tls')
    .option('--ca <file>', 'require client certificates signed by this CA (mutual TLS)')
    .option('--trap-port <port>', 'SNMP traps and informs (v1/v2c/v3)')
    .option('--community <name...>', 'v1/v2c communities to accept', ['public'])
    .option('--v3-user <spec...>', 'SNMPv3 user name:authProto:authKey[:privProto:privKey]')
    .option('--rate-limit <perSec>', 'per-sender messages/s, burst 5x (UDP excess is dropped and counted, TCP/TLS senders are paused); "off" disables', '2000')
    .option('--quiet', 'do not print the feed', false)
    .action(
      (o: {
        host: string;
        allowRemote: boolean;
        syslogUdp?: string;
        syslogTcp?: string;
        syslogTls?: string;
        cert?: string;
        key?: string;
        ca?: string;
        trapPort?: string;
        community: string[];
        v3User?: string[];
        rateLimit: string;
        quiet: boolean;
      }) =>
        withRuntime(globals(), async (rt) => {
          // --quiet: nobody watches this process's feed, so the engine need not publish it.
          const req: ListenRequest = { allowRemote: o.allowRemote, liveEvents: !o.quiet };
          if (o.syslogUdp !== undefined) req.syslogUdp = { host: o.host, port: port(o.syslogUdp) };
          if (o.syslogTcp !== undefined) req.syslogTcp = { host: o.host, port: port(o.syslogTcp) };
          if (o.syslogTls !== undefined) {
            if (!o.cert || !o.key) throw new RoutewiseError('bad-request', '--syslog-tls needs --cert and --key');
            req.syslogTls = { host: o.host, port: port(o.syslogTls), certFile: o.cert, keyFile: o.key, caFile: o.ca };
          }
          if (o.trapPort !== undefined) {
            let users: NonNullable<ListenRequest['trap']>['users'] = [];
            for (const spec of o.v3User ?? []) users = v3User(spec, users);
            req.trap = { host: o.host, port: port(o.trapPort), communities: o.community, users };
          }
          if (!req.syslogUdp && !req.syslogTcp && !req.syslogTls && !req.trap) {
            throw new RoutewiseError('bad-request', 'give at least one of --syslog-udp, --syslog-tcp, --syslog-tls, --trap-port');
          }
          if (o.rateLimit === 'off') req.rateLimit = null;
          else {
            const perSec = Number(o.rateLimit);
            if (!(perSec > 0)) throw new RoutewiseError('bad-request', '--rate-limit must be a positive number or "off"');
            req.rateLimit = { ratePerSec: perSec, burst: Math.ceil(perSec * 5) };
          }
          if (!o.quiet) {
            rt.api.on('threats.insight', (i) => {
              process.stdout.write(rt.opts.json ? `${JSON.stringify({ insight: i })}\n` : `${feedLine(i as StoredInsight)}\n`);
            });
          }
          const { receivers } = await rt.api.call('threats.listen', req);
          process.stdout.write(
            rt.opts.json
              ? `${JSON.stringify({ listening: receivers, dataDir: rt.opts.dataDir })}\n`
              : `${receivers.map((r) => `listening: ${r.kind} ${r.host}:${r.port}`).join('\n')}\n(Ctrl-C stops; insights are stored in ${rt.opts.dataDir})\n`,
          );
          await untilSignal();
          await rt.api.call('threats.unlisten', {});
        }),
    );

  threats
    .command('list')
    .description('stored insights, newest first')
    .option('--since <time>', 'ISO time or duration back from now (90s, 15m, 2h, 7d)')
    .option('--limit <n>', 'at most this many', '1000')
    .option('--format <format>', 'only this source format (suricata-eve, fortigate, panos-threat, …, unknown)')
    .option('--severity <severity>', 'only this severity')
    .option('--category <category>', 'only this category')
    .option('--device <address>', 'only from this device address')
    .action((o: { since?: string; limit: string; format?: string; severity?: string; category?: string; device?: string }) =>
      withRuntime(globals(), async (rt) => {
        const { insights } = await rt.api.call('threats.list', {
          since: o.since,
          limit: Number(o.limit),
          format: o.format as never,
          severity: o.severity as never,
          category: o.category as never,
          deviceAddress: o.device,
        });
        rt.print({ insights: insights.map(pick) }, () => insights.map(feedLine).join('\n') || '(no insights)');
      }),
    );

  threats
    .command('stats')
    .description('counts by format, category and severity; ingest counters (unknown, throttled, truncated, invalid UTF-8)')
    .action(() =>
      withRuntime(globals(), async (rt) => {
        const s = await rt.api.call('threats.stats', {});
        rt.print(s, () =>
          [
            `insights: ${s.total}`,
            `by format: ${fmt(s.byFormat)}`,
            `by category: ${fmt(s.byCategory)}`,
            `by severity: ${fmt(s.bySeverity)}`,
            `counters: ${fmt(s.counters)}`,
          ].join('\n'),
        );
      }),
    );

  threats
    .command('explain <idOrCategory>')
    .description('what an insight (or a category) means and what to do about it')
    .action((arg: string) =>
      withRuntime(globals(), async (rt) => {
        const categories = ['brute-force', 'exploit', 'malware', 'botnet-c2', 'reconnaissance', 'denial-of-service', 'web-attack', 'policy-violation', 'data-exfiltration', 'anomaly', 'unknown'];
        const e = await rt.api.call('threats.explain', categories.includes(arg) ? { category: arg as never } : { id: arg });
        rt.print(e, () =>
          [
            e.playbook.title,
            '',
            e.playbook.explanation,
            e.technique ? `\nMITRE ATT&CK: ${e.technique.id} ${e.technique.name} (${e.technique.tactic}) ${e.technique.url}` : '',
            `\nUrgency: ${e.playbook.urgency}`,
            '',
            ...e.playbook.steps.map((s, n) => `${n + 1}. ${s}`),
          ].join('\n'),
        );
      }),
    );

  threats
    .command('forward')
    .description('send stored and new insights to a SIEM from a persistent queue (resumes where it stopped)')
    .requiredOption('--to <target>', 'http(s)://host:port[/path] for hec/elastic; host:port, tcp://host:port or tls://host:port for cef')
    .requiredOption('--format <format>', 'cef | hec | elastic')
    .option('--token <token>', 'HEC token, or Elastic API key (env ROUTEWISE_SIEM_TOKEN)')
    .option('--index <name>', 'HEC index or Elastic index (default routewise-insights)')
    .option('--from <where>', 'a new target starts at the oldest stored insight (start) or only new ones (end)', 'start')
    .option('--ca <file>', 'CA bundle to verify the target')
    .option('--insecure', 'do not verify the target certificate', false)
    .option('--retry-max-ms <ms>', 'longest wait between retries while the target is down', '30000')
    .option('--drain', 'exit once everything stored has been delivered', false)
    .action(
      (o: { to: string; format: string; token?: string; index?: string; from: string; ca?: string; insecure: boolean; retryMaxMs: string; drain: boolean }) =>
        withRuntime(globals(), async (rt) => {
          const status = await rt.api.call('threats.forward.start', {
            to: o.to,
            format: o.format as never,
            token: o.token ?? process.env.ROUTEWISE_SIEM_TOKEN,
            index: o.index,
            from: o.from as never,
            caFile: o.ca,
            insecureSkipVerify: o.insecure,
            retryMaxMs: Number(o.retryMaxMs),
          });
          if (!rt.opts.json) process.stderr.write(`forwarding to ${status.target} from seq ${status.lastSeq} (backlog ${status.backlog})\n`);
          const final = o.drain ? await drain(rt, status.target) : (await untilSignal(), await current(rt, status.target));
          await rt.api.call('threats.forward.stop', { target: status.target });
          rt.print(final, () => `${final.target}: delivered ${final.delivered} in total, backlog ${final.backlog}${final.lastError ? `, last error: ${final.lastError}` : ''}`);
        }),
    );
}

async function current(rt: CliRuntime, target: string) {
  const { forwarders } = await rt.api.call('threats.forward.status', {});
  const f = forwarders.find((x) => x.target === target);
  if (!f) throw new RoutewiseError('not-found', `forwarder ${target} vanished`);
  return f;
}

/** Polls until the backlog is empty (with a deadline only from the caller's signal: Ctrl-C stops it). */
async function drain(rt: CliRuntime, target: string) {
  let stop = false;
  const onSignal = () => (stop = true);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    for (;;) {
      const f = await current(rt, target);
      rt.progress(`delivered ${f.delivered}, backlog ${f.backlog}${f.lastError ? ` (retrying: ${f.lastError})` : ''}`);
      if (f.backlog === 0 || stop) return f;
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function fmt(o: Record<string, number>): string {
  return Object.entries(o).map(([k, v]) => `${k}=${v}`).join(' ') || '-';
}
