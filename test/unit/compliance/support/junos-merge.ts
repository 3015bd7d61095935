/**
 * Junos candidate merge for configurations in "display set" form, enough to check a remediation: "set X" adds
 * the statement, "delete X" removes X and everything under it (Junos CLI User Guide, "delete"). A leaf that takes
 * one value keeps only the newest (set system services ssh protocol-version v2 replaces v1) when listed below.
 */
const SINGLE_VALUE = [/^(set system login class \S+ idle-timeout) /, /^(set system services ssh protocol-version) /, /^(set system login password format) /, /^(set system login message) /];

export function junosMerge(running: readonly string[], change: string): string {
  let lines = running.filter((l) => l.startsWith('set ') || l.startsWith('deactivate '));
  for (const raw of change.split('\n')) {
    const stmt = raw.trim();
    if (stmt.startsWith('delete ')) {
      const target = `set ${stmt.slice('delete '.length)}`;
      lines = lines.filter((l) => l !== target && !l.startsWith(`${target} `));
    } else if (stmt.startsWith('set ')) {
      const single = SINGLE_VALUE.map((re) => re.exec(stmt)?.[1]).find((k) => k !== undefined);
      if (single) lines = lines.filter((l) => !l.startsWith(`${single} `));
      if (!lines.includes(stmt)) lines.push(stmt);
    }
  }
  return `${lines.join('\n')}\n`;
}
