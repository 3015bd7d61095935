import { describe, expect, it } from 'vitest';
import { parseConfigChangeSyslog } from '../../../electron/engine/archive/config-change-attribution';

// Message shapes from the vendors' system message guides (Cisco IOS XE System Message Guide "SYS-5-CONFIG_I",
// Junos System Log Explorer "UI_COMMIT", FortiOS Log Message Reference 44547, RouterOS "Log").
describe('parseConfigChangeSyslog', () => {
  it('attributes Cisco IOS/IOS-XE CONFIG_I with user, line and source address', () => {
    expect(parseConfigChangeSyslog('<189>52: r1: *Mar  1 00:10:02.123: %SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.1.5)')).toEqual({
      user: 'admin', via: 'vty0', from: '10.1.1.5', platformHint: 'ios', evidence: '%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.1.5)',
    });
    expect(parseConfigChangeSyslog('%SYS-5-CONFIG_I: Configured from console by console')).toMatchObject({ user: 'console', via: 'console' });
  });

  it('attributes Junos UI_COMMIT', () => {
    expect(parseConfigChangeSyslog("mgd[4567]: UI_COMMIT: User 'netops' requested 'commit' operation (comment: none)")).toMatchObject({ user: 'netops', platformHint: 'junos' });
    expect(parseConfigChangeSyslog("mgd[4567]: UI_COMMIT: User 'root' requested 'commit confirmed' operation (comment: rw)")).toMatchObject({ user: 'root' });
  });

  it('attributes Arista EOS session commits', () => {
    expect(parseConfigChangeSyslog('Cli: %SYS-5-CONFIG_SESSION_COMMIT_SUCCESS: Configuration session rw1 committed by user admin on vty3 (10.0.0.9)')).toMatchObject({
      user: 'admin', via: 'vty3', from: '10.0.0.9', platformHint: 'eos',
    });
  });

  it('attributes FortiOS configuration events', () => {
    const msg = 'date=2024-01-08 time=09:14:02 devname="fw1" logid="0100044547" type="event" subtype="system" level="information" logdesc="Object attribute configured" user="admin" ui="ssh(10.0.0.5)" action="Edit" cfgpath="system.interface"';
    expect(parseConfigChangeSyslog(msg)).toMatchObject({ user: 'admin', via: 'ssh', from: '10.0.0.5', platformHint: 'fortios' });
  });

  it('attributes RouterOS changes', () => {
    expect(parseConfigChangeSyslog('system,info address added by admin')).toMatchObject({ user: 'admin', platformHint: 'routeros' });
    expect(parseConfigChangeSyslog('system,info snmp settings changed by winbox-admin@10.0.0.5 (/snmp set location=x)')).toMatchObject({ user: 'admin', via: 'winbox', from: '10.0.0.5' });
  });

  it('ignores other messages and caps hostile fields', () => {
    expect(parseConfigChangeSyslog('%LINK-3-UPDOWN: Interface Gi1/0/1, changed state to up')).toBeUndefined();
    expect(parseConfigChangeSyslog("UI_COMMIT_COMPLETED: commit complete")).toBeUndefined();
    const long = parseConfigChangeSyslog(`UI_COMMIT: User '${'x'.repeat(500)}\u001b[31m' requested 'commit' operation`);
    expect(long?.user.length).toBeLessThanOrEqual(64);
    expect(long?.user).not.toContain('\u001b');
  });
});
