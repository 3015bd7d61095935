import type { ReactElement } from 'react';
import { displayText } from '../../lib/display-text';
import { useComplianceStore } from './compliance-store';

/** The active rule pack: version, content hash, the "changed without a version bump" warning, and every rule's mappings. */
export function RulePackPanel(): ReactElement {
  const rules = useComplianceStore((s) => s.rules);
  if (!rules) return <p className="dim">Loading the rule pack…</p>;
  const { pack } = rules;
  return (
    <section className="cp-panel" aria-labelledby="cp-pack-title" data-testid="compliance-pack">
      <h2 className="side-title" id="cp-pack-title">
        Rule pack {displayText(pack.title, 120)}
      </h2>
      <dl className="cp-pack-facts">
        <dt>Id</dt>
        <dd>{displayText(pack.id, 120)}</dd>
        <dt>Version</dt>
        <dd data-testid="compliance-pack-version">{displayText(pack.version, 60)}</dd>
        <dt>Hash</dt>
        <dd>
          <code title={pack.hash}>{pack.hash.slice(0, 16)}…</code>
        </dd>
      </dl>
      {pack.changedWithoutVersionBump && (
        <p className="cp-warning" role="alert" data-testid="compliance-pack-changed">
          The rules changed but the version did not: somebody edited this pack without bumping its version. Reports cite the hash above.
        </p>
      )}
      <table className="mini-table cp-rules">
        <thead>
          <tr>
            <th>Rule</th>
            <th>Severity</th>
            <th>Platforms</th>
            <th>CIS</th>
            <th>NIST 800-53</th>
            <th>PCI DSS</th>
          </tr>
        </thead>
        <tbody>
          {rules.rules.map((r) => (
            <tr key={r.id}>
              <td>
                <strong>{displayText(r.id, 100)}</strong> {displayText(r.title, 200)}
              </td>
              <td>{displayText(r.severity, 20)}</td>
              <td>{r.platforms.join(', ')}</td>
              <td>{r.frameworks.cis.join(', ') || '—'}</td>
              <td>{r.frameworks['nist-800-53'].join(', ') || '—'}</td>
              <td>{r.frameworks['pci-dss'].join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
