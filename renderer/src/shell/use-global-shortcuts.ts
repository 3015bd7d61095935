import { useEffect } from 'react';
import { useNavigationStore } from '../features/navigation/navigation-store';

function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Alt+1..8 or Ctrl+1..8 open a view; `?` opens the shortcut help. */
export function useGlobalShortcuts(focusMain: () => void): void {
  useEffect(() => {
    function onKeyDown(e: KeyboardEvent): void {
      // e.code, not e.key: Alt+digit types other characters on some layouts (e.g. macOS, AZERTY).
      const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code)?.[1];
      if (digit && (e.altKey || e.ctrlKey) && !e.metaKey && !e.shiftKey) {
        e.preventDefault();
        const nav = useNavigationStore.getState();
        if (nav.helpOpen) nav.setHelpOpen(false);
        nav.goToIndex(Number(digit) - 1);
        const inNav = Boolean(document.activeElement?.closest('.sidenav'));
        if (inNav) requestAnimationFrame(() => document.querySelector<HTMLElement>('.sidenav-item[aria-current="page"]')?.focus());
        else focusMain();
        return;
      }
      if (e.key === '?' && !e.altKey && !e.ctrlKey && !e.metaKey && !isEditable(e.target)) {
        e.preventDefault();
        useNavigationStore.getState().setHelpOpen(true);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [focusMain]);
}
