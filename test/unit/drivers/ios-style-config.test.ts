import { describe, expect, it } from 'vitest';
import { mergeBlocks, parseBlocks, renderBlocks, replaceCommands } from '../../../electron/engine/drivers/ios-style-config';

const RUNNING = `Building configuration...

Current configuration : 300 bytes
!
version 17.9
hostname r1
!
interface GigabitEthernet1/0/1
 description uplink
 ip address 10.0.0.1 255.255.255.0
!
snmp-server community s3cret RO
snmp-server location DC1
ip route 10.9.0.0 255.255.0.0 10.0.0.2
end
`;

describe('IOS-style configuration', () => {
  it('parses blocks, skipping banners, separators and version stamps', () => {
    expect(parseBlocks(RUNNING).map((b) => b.line)).toEqual([
      'hostname r1', 'interface GigabitEthernet1/0/1', 'snmp-server community s3cret RO', 'snmp-server location DC1', 'ip route 10.9.0.0 255.255.0.0 10.0.0.2',
    ]);
  });

  it('previews a merge: single-valued lines are replaced, new children added, `no` removes', () => {
    const merged = renderBlocks(mergeBlocks(parseBlocks(RUNNING), parseBlocks('snmp-server location DC2\ninterface GigabitEthernet1/0/1\n description core\n shutdown\nno ip route 10.9.0.0 255.255.0.0 10.0.0.2\n')));
    expect(merged).toContain('snmp-server location DC2\n');
    expect(merged).not.toContain('DC1');
    expect(merged).toContain('interface GigabitEthernet1/0/1\n ip address 10.0.0.1 255.255.255.0\n description core\n shutdown\n');
    expect(merged).not.toContain('ip route');
  });

  it('derives replace commands that a merge of them turns running into target', () => {
    const target = `hostname r1
interface GigabitEthernet1/0/1
 description core uplink
 ip address 10.0.0.1 255.255.255.0
interface Loopback0
 ip address 10.255.0.1 255.255.255.255
snmp-server community s3cret RO
snmp-server location DC2
`;
    const cmds = replaceCommands(RUNNING, target);
    expect(cmds).toEqual([
      'no ip route 10.9.0.0 255.255.0.0 10.0.0.2',
      'interface GigabitEthernet1/0/1', 'description core uplink', 'exit',
      'interface Loopback0', 'ip address 10.255.0.1 255.255.255.255', 'exit',
      'snmp-server location DC2',
    ]);
    // Applying the commands as a merge reaches the target exactly.
    const asBlocks: string[] = [];
    let inBlock = false;
    for (const c of cmds) {
      if (c === 'exit') inBlock = false;
      else if (inBlock) asBlocks.push(` ${c}`);
      else {
        asBlocks.push(c);
        inBlock = c.startsWith('interface ');
      }
    }
    const merged = mergeBlocks(parseBlocks(RUNNING), parseBlocks(asBlocks.join('\n')));
    const norm = (b: ReturnType<typeof parseBlocks>) => b.map((x) => `${x.line}|${[...x.children].sort().join(',')}`).sort();
    expect(norm(merged)).toEqual(norm(parseBlocks(target)));
  });

  it('clears an interface the target lacks instead of deleting it', () => {
    expect(replaceCommands('interface eth0\n description x\n ip address 10.0.0.1/24\nexit\n', '')).toEqual(['interface eth0', 'no description', 'no ip address 10.0.0.1/24', 'exit']);
  });

  it('derives nothing when the configurations agree', () => {
    expect(replaceCommands(RUNNING, RUNNING)).toEqual([]);
  });
});
