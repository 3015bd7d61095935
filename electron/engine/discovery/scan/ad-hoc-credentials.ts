import type { CredentialInput } from '../../../../shared/api/credentials';
import type { EngineContext } from '../../engine-context';

/**
 * Credentials typed on the command line are stored in the vault like any profile, labelled `cli:…`
 * (never with a secret in the label), and reused when an identical one exists: running the same cron
 * scan every night does not pile up copies. Comparison happens inside the engine, on decrypted values.
 */
export async function ensureAdHocCredential(ctx: EngineContext, input: CredentialInput, actor: string): Promise<string> {
  const wanted = canonical(input);
  for (const summary of await ctx.credentials.list()) {
    if (summary.kind !== input.kind || !summary.label.startsWith('cli:')) continue;
    const { id: _id, label: _label, ...stored } = await ctx.credentials.reveal(summary.id);
    if (canonical(stored as CredentialInput) === wanted) return summary.id;
  }
  const created = await ctx.credentials.create({ ...input, label: adHocLabel(input) } as CredentialInput);
  await ctx.audit.append({
    actor,
    action: 'credentials.create',
    subject: created.id,
    details: { kind: created.kind, label: created.label, via: 'scan' },
  });
  return created.id;
}

export function adHocLabel(input: CredentialInput): string {
  switch (input.kind) {
    case 'snmp-v1':
    case 'snmp-v2c':
      return `cli:${input.kind}`;
    case 'snmp-v3':
      return `cli:snmp-v3 ${input.user} ${input.level}`;
    case 'ssh':
      return `cli:ssh ${input.user} (${input.privateKey ? 'key' : 'password'})`;
  }
}

function canonical(input: CredentialInput): string {
  const entries = Object.entries(input)
    .filter(([k, v]) => k !== 'label' && v !== undefined && v !== '')
    .map(([k, v]) => [k, String(v)] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify(entries);
}
