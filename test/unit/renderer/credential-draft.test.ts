import { describe, expect, it } from 'vitest';
import { clearedDraft, draftToInput, EMPTY_DRAFT } from '../../../renderer/src/features/credentials/credential-draft';

describe('draftToInput', () => {
  it('builds an SNMPv3 authPriv profile with only the fields its level needs', () => {
    const r = draftToInput({ ...EMPTY_DRAFT, label: 'core', user: 'nms', authKey: 'authkey123', privKey: 'privkey123' });
    expect(r).toEqual({
      ok: true,
      input: { kind: 'snmp-v3', label: 'core', user: 'nms', level: 'authPriv', authProto: 'sha256', authKey: 'authkey123', privProto: 'aes', privKey: 'privkey123' },
    });
    const noAuth = draftToInput({ ...EMPTY_DRAFT, label: 'lab', user: 'nms', level: 'noAuthNoPriv', authKey: 'left-over', privKey: 'left-over' });
    expect(noAuth.ok && noAuth.input).toEqual({ kind: 'snmp-v3', label: 'lab', user: 'nms', level: 'noAuthNoPriv' });
  });

  it('explains what is missing, with the same rules as the engine', () => {
    const r = draftToInput({ ...EMPTY_DRAFT, kind: 'ssh', label: 'x', user: 'admin' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(/password or a private key/);
    const short = draftToInput({ ...EMPTY_DRAFT, label: 'x', user: 'nms', authKey: 'short', privKey: 'privkey123' });
    expect(short.ok).toBe(false);
  });

  it('forgets every secret after a save but keeps the kind', () => {
    const cleared = clearedDraft({ ...EMPTY_DRAFT, kind: 'snmp-v2c', label: 'l', community: 'secret', password: 'p' });
    expect(cleared).toEqual({ ...EMPTY_DRAFT, kind: 'snmp-v2c' });
  });
});
