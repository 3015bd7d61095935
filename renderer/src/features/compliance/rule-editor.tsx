import { type FormEvent, type KeyboardEvent, type ReactElement, useEffect, useRef } from 'react';
import { displayText } from '../../lib/display-text';
import { useComplianceStore } from './compliance-store';

const CHECK_DELAY_MS = 400;

/**
 * One rule as YAML, checked while typing (each problem names the field and line), saved as a new pack version.
 * Keyboard: Ctrl+Enter saves, Escape cancels; the issue list is announced as it changes.
 */
export function RuleEditor({ onClose }: { onClose(): void }): ReactElement | null {
  const edit = useComplianceStore((s) => s.edit);
  const source = useComplianceStore((s) => s.packSource);
  const text = useRef<HTMLTextAreaElement>(null);
  const ruleId = edit?.ruleId;
  const yaml = edit?.yaml;

  useEffect(() => {
    text.current?.focus();
  }, [ruleId]);
  useEffect(() => {
    if (yaml === undefined || useComplianceStore.getState().edit?.checked === yaml) return;
    const timer = setTimeout(() => void useComplianceStore.getState().checkEdit(), CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [yaml]);

  if (!edit) return null;
  const { changeEdit, cancelEdit, saveEdit } = useComplianceStore.getState();
  const current = edit.checked === edit.yaml;
  const cancel = () => {
    cancelEdit();
    onClose();
  };
  const save = async (e?: FormEvent) => {
    e?.preventDefault();
    if (await saveEdit()) onClose();
  };
  const keys = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };
  const sameVersion = source !== null && edit.version.trim() === source.pack.version;

  return (
    <form className="cp-editor" aria-label={`Edit rule ${edit.ruleId}`} onSubmit={(e) => void save(e)} onKeyDown={keys} data-testid="rule-editor">
      <h3 className="side-title">Edit {displayText(edit.ruleId, 100)}</h3>
      <label className="cp-editor-text">
        Rule YAML
        <textarea
          ref={text}
          value={edit.yaml}
          onChange={(e) => changeEdit({ yaml: e.target.value })}
          spellCheck={false}
          rows={Math.min(30, Math.max(12, edit.yaml.split('\n').length + 1))}
          aria-invalid={edit.issues.length > 0}
          aria-describedby="cp-editor-issues cp-editor-keys"
          data-testid="rule-editor-yaml"
        />
      </label>
      <div id="cp-editor-issues" aria-live="polite" data-testid="rule-editor-issues">
        {edit.issues.length > 0 ? (
          <ul className="cp-editor-issues">
            {edit.issues.map((i, n) => (
              <li key={n} data-testid="rule-editor-issue" data-path={i.path}>
                <strong>{i.path ? displayText(i.path, 200) : 'YAML'}</strong>
                {i.line !== undefined && <> (line {i.line})</>}: {displayText(i.message, 500)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="dim">{current ? 'No problems found.' : 'Checking…'}</p>
        )}
      </div>
      {edit.error && (
        <p className="form-error" role="alert">
          {edit.error}
        </p>
      )}
      <div className="cp-form">
        <label>
          New pack version
          <input value={edit.version} onChange={(e) => changeEdit({ version: e.target.value })} pattern="\d+\.\d+\.\d+" required size={10} />
        </label>
        <button type="submit" className="button button-primary" disabled={edit.saving || (current && edit.issues.length > 0)}>
          {edit.saving ? 'Saving…' : `Save as version ${edit.version.trim() || '?'}`}
        </button>
        <button type="button" className="button" onClick={cancel}>
          Cancel
        </button>
      </div>
      {sameVersion && (
        <p className="cp-warning" role="status">
          Saving under the current version is allowed but flagged in every report and in the audit chain.
        </p>
      )}
      <p className="dim" id="cp-editor-keys">
        Ctrl+Enter saves, Escape cancels. The shipped pack stays untouched; revert to it at any time.
      </p>
    </form>
  );
}
