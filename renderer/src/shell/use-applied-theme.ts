import { useEffect } from 'react';
import { useSettingsStore } from '../features/settings/settings-store';
import { applyTheme } from './theme';

/** Keeps <html data-theme> in step with the theme setting ('system' until the engine has answered). */
export function useAppliedTheme(): void {
  const theme = useSettingsStore((s) => s.settings?.theme ?? 'system');
  useEffect(() => applyTheme(theme), [theme]);
}
