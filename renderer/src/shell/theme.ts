import type { Theme } from '../../../shared/api/system';

export type ResolvedTheme = 'dark' | 'light';

const DARK_QUERY = '(prefers-color-scheme: dark)';

export function resolveTheme(theme: Theme, prefersDark: boolean): ResolvedTheme {
  if (theme === 'system') return prefersDark ? 'dark' : 'light';
  return theme;
}

/** Sets `data-theme` on <html>; for 'system' it follows the OS until the choice changes. Returns an unsubscribe. */
export function applyTheme(theme: Theme, doc: Document = document, win: Window = window): () => void {
  const media = win.matchMedia(DARK_QUERY);
  const apply = (): void => {
    const resolved = resolveTheme(theme, media.matches);
    doc.documentElement.dataset.theme = resolved;
    doc.documentElement.dataset.themeChoice = theme;
  };
  apply();
  if (theme !== 'system') return () => undefined;
  media.addEventListener('change', apply);
  return () => media.removeEventListener('change', apply);
}
