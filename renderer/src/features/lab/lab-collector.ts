import type { ReceiverInfo } from '../../../../shared/api/threats';
import { callEngine } from '../../api/engine-api';

/**
 * The lab's SNMPv2c community, which its firewalls also use for the traps they send
 * (electron/engine/lab/topology-model.ts). The lab reports its credentials only once it runs, and the trap
 * receiver must exist before it starts, so the value is repeated here.
 */
export const LAB_TRAP_COMMUNITY = 'routewise-lab';

export interface LabCollectors {
  collector: string;
  trapCollector?: string;
}

const isLabHost = (r: ReceiverInfo): boolean => r.host.startsWith('127.');

/**
 * This engine's threat listener on loopback, started when there is none: syslog over UDP on a free port,
 * and an SNMP trap receiver next to it (a trap receiver needs a fixed port, so a few neighbours are tried).
 * Without a trap receiver the lab still sends syslog; its traps then go to the syslog port and count as unknown.
 */
export async function ensureLabCollectors(): Promise<LabCollectors> {
  const { receivers } = await callEngine('threats.stats', {});
  let syslog = receivers.find((r) => r.kind === 'syslog-udp' && isLabHost(r));
  if (!syslog) {
    const started = await callEngine('threats.listen', { syslogUdp: { host: '127.0.0.1', port: 0 } });
    syslog = started.receivers.find((r) => r.kind === 'syslog-udp');
    if (!syslog) throw new Error('the engine started no syslog receiver');
  }
  let trap = receivers.find((r) => r.kind === 'snmp-trap' && isLabHost(r));
  for (let offset = 1; !trap && offset <= 4 && syslog.port + offset < 65536; offset++) {
    try {
      const started = await callEngine('threats.listen', {
        trap: { host: syslog.host, port: syslog.port + offset, communities: [LAB_TRAP_COMMUNITY], users: [] },
      });
      trap = started.receivers.find((r) => r.kind === 'snmp-trap');
    } catch {
      // That port is taken: try the next one.
    }
  }
  const collector = `${syslog.host}:${syslog.port}`;
  return trap ? { collector, trapCollector: `${trap.host}:${trap.port}` } : { collector };
}
