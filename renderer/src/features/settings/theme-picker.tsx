import type { ReactElement } from 'react';
import { Theme } from '../../../../shared/api/system';
import { useSettingsStore } from './settings-store';

const LABELS: Record<Theme, { label: string; hint: string }> = {
  system: { label: 'System', hint: 'Follows the OS' },
  dark: { label: 'Dark', hint: 'For dim NOCs' },
  light: { label: 'Light', hint: 'For bright rooms' },
};

/** Native radios: Tab enters the group, arrow keys change the choice, which is saved at once. */
export function ThemePicker(): ReactElement {
  const settings = useSettingsStore((s) => s.settings);
  const saving = useSettingsStore((s) => s.saving);
  const error = useSettingsStore((s) => s.error);
  const setTheme = useSettingsStore((s) => s.setTheme);

  return (
    <section className="panel" aria-labelledby="appearance-title">
      <header className="panel-header">
        <h2 id="appearance-title">Appearance</h2>
        <span className="panel-meta" aria-live="polite">
          {saving ? 'Saving…' : settings ? 'Saved to the engine' : ''}
        </span>
      </header>
      <div className="panel-body">
        <fieldset className="segmented" disabled={!settings}>
          <legend>Theme</legend>
          {Theme.options.map((t) => (
            <label key={t} className="segmented-option">
              <input
                type="radio"
                name="theme"
                value={t}
                checked={settings?.theme === t}
                onChange={() => void setTheme(t)}
              />
              <span className="segmented-label">{LABELS[t].label}</span>
              <span className="segmented-hint">{LABELS[t].hint}</span>
            </label>
          ))}
        </fieldset>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
