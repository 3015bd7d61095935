import type { LabScenarioInfo } from '../../../shared/api/lab';

export const LAB_SCENARIOS: readonly LabScenarioInfo[] = [
  { name: 'none', summary: 'A healthy network: dual-homed core and distribution, some single-homed access and branches.' },
  { name: 'congested-uplink', summary: 'The first access switch downlink runs at 97 % of line rate and drops packets (ifOutDiscards).' },
  { name: 'single-homed-branch', summary: 'A dual-homed access switch lost one uplink (shut on both ends): a single point of failure.' },
  { name: 'flapping-link', summary: 'One access uplink goes down and up every 20 lab-seconds (ifOperStatus, ifLastChange).' },
  { name: 'crc-errors', summary: 'One access uplink port counts CRC input errors (ifInErrors) on a bad cable.' },
  {
    name: 'pilot-gate-failure',
    summary: 'The first access switch stops answering SNMP and SSH after any committed config change, until that change is rolled back (commit-confirm timer or rollback).',
  },
  { name: 'beaconing-host', summary: 'A host behind an access switch beacons to a C2 address every 60 lab-seconds; AI-capable firewalls report it.' },
];
