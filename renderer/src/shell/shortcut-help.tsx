import { type ReactElement, useEffect, useRef } from 'react';
import { useNavigationStore } from '../features/navigation/navigation-store';
import { VIEWS } from '../features/navigation/views';

const GENERAL: Array<[string, string]> = [
  ['Tab / Shift+Tab', 'Move between areas and controls'],
  ['↑ ↓ Home End', 'Move within the view list'],
  ['Enter / Space', 'Open the focused view or press the focused button'],
  ['?', 'Show this help'],
  ['Escape', 'Close this help'],
];

/** A native modal <dialog>: it traps focus, and Escape closes it (the browser fires `close`). */
export function ShortcutHelp(): ReactElement {
  const open = useNavigationStore((s) => s.helpOpen);
  const setHelpOpen = useNavigationStore((s) => s.setHelpOpen);
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={ref} className="dialog" aria-labelledby="shortcut-help-title" onClose={() => setHelpOpen(false)}>
      <header className="dialog-header">
        <h2 id="shortcut-help-title">Keyboard shortcuts</h2>
      </header>
      <div className="dialog-body">
        <table className="shortcut-table">
          <caption className="visually-hidden">Views</caption>
          <tbody>
            {VIEWS.map((v, i) => (
              <tr key={v.id}>
                <td>
                  <kbd>Alt+{i + 1}</kbd> or <kbd>Ctrl+{i + 1}</kbd>
                </td>
                <td>{v.label}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <table className="shortcut-table">
          <caption className="visually-hidden">General</caption>
          <tbody>
            {GENERAL.map(([keys, what]) => (
              <tr key={keys}>
                <td>
                  <kbd>{keys}</kbd>
                </td>
                <td>{what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <footer className="dialog-footer">
        <button type="button" className="button" onClick={() => setHelpOpen(false)} autoFocus>
          Close
        </button>
      </footer>
    </dialog>
  );
}
