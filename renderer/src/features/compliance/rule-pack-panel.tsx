import { type ReactElement, useEffect, useRef } from 'react';
import { displayText } from '../../lib/display-text';
import { useComplianceStore } from './compliance-store';
import { RuleEditor } from './rule-editor';

const SOURCE_TEXT = { shipped: 'shipped with Routewise', edited: 'edited in this view', file: 'file named by ROUTEWISE_RULE_PACK' } as const;

/** The active rule pack: version, content hash, where it comes from, the "changed without a version bump" warning, every rule's mappings, and the editor. */
export function RulePackPanel(): ReactElement {
  const rules = useComplianceStore((s) => s.rules);
  const source = useComplianceStore((s) => s.packSource);
  const edit = useComplianceStore((s) => s.edit);
  const notice = useComplianceStore((s) => s.editorNotice);
  const editButtons = useRef(new Map<string, HTMLButtonElement>());
  const lastEdited = useRef<string | null>(null);
  useEffect(() => {
    void useComplianceStore.getState().loadPackSource();
  }, []);
  if (!rules) return <p className="dim">Loading the rule pack…</p>;
  const { pack } = rules;
  const editable = source !== null && source.source !== 'file';
  const startEdit = (id: string) => {
    lastEdited.current = id;
    useComplianceStore.getState().startEdit(id);
  };
  // Back to the row's Edit button, so keyboard users continue where they were.
  const onClose = () => requestAnimationFrame(() => editButtons.current.get(lastEdited.current ?? '')?.focus());
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
          <code title={pack.hash} data-testid="compliance-pack-hash" data-hash={pack.hash}>
            {pack.hash.slice(0, 16)}…
          </code>
        </dd>
        <dt>Source</dt>
        <dd data-testid="compliance-pack-source">{source ? SOURCE_TEXT[source.source] : '…'}</dd>
      </dl>
      {pack.changedWithoutVersionBump && (
        <p className="cp-warning" role="alert" data-testid="compliance-pack-changed">
          The rules changed but the version did not: somebody edited this pack without bumping its version. Reports cite the hash above.
        </p>
      )}
      {notice && (
        <p className="cp-notice" role="status" data-testid="rule-editor-notice">
          {notice}
        </p>
      )}
      {source?.source === 'edited' && (
        <p>
          <button type="button" className="button" onClick={() => void useComplianceStore.getState().revertPack()}>
            Revert to the shipped pack
          </button>
        </p>
      )}
      {edit && <RuleEditor onClose={onClose} />}
      <table className="mini-table cp-rules">
        <thead>
          <tr>
            <th>Rule</th>
            <th>Severity</th>
            <th>Platforms</th>
            <th>CIS</th>
            <th>NIST 800-53</th>
            <th>PCI DSS</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.rules.map((r) => (
            <tr key={r.id} data-testid="compliance-rule" data-rule-id={r.id}>
              <td>
                <strong>{displayText(r.id, 100)}</strong> {displayText(r.title, 200)}
              </td>
              <td>{displayText(r.severity, 20)}</td>
              <td>{r.platforms.join(', ')}</td>
              <td>{r.frameworks.cis.join(', ') || '—'}</td>
              <td>{r.frameworks['nist-800-53'].join(', ') || '—'}</td>
              <td>{r.frameworks['pci-dss'].join(', ') || '—'}</td>
              <td>
                {editable && (
                  <button
                    type="button"
                    className="cp-linkish"
                    aria-label={`Edit ${r.id}`}
                    ref={(el) => {
                      if (el) editButtons.current.set(r.id, el);
                      else editButtons.current.delete(r.id);
                    }}
                    onClick={() => startEdit(r.id)}
                    disabled={edit?.ruleId === r.id}
                  >
                    Edit
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
