import { type KeyboardEvent, type ReactElement, useEffect, useRef, useState } from 'react';
import { useNavigationStore } from '../features/navigation/navigation-store';
import { VIEWS } from '../features/navigation/views';
import { NavIcon } from './nav-icons';

/**
 * The view list is one tab stop (roving tabindex, WAI-ARIA APG "Keyboard Navigation Inside Components"):
 * Tab enters on the current view, arrows/Home/End move, Enter or Space opens.
 */
export function SideNav(): ReactElement {
  const view = useNavigationStore((s) => s.view);
  const go = useNavigationStore((s) => s.go);
  const activeIndex = VIEWS.findIndex((v) => v.id === view);
  const [focusIndex, setFocusIndex] = useState(activeIndex);
  const buttons = useRef<Array<HTMLButtonElement | null>>([]);

  // When the view changes from elsewhere (Alt+N), the tab stop follows it.
  useEffect(() => setFocusIndex(activeIndex), [activeIndex]);

  function moveTo(index: number): void {
    const next = (index + VIEWS.length) % VIEWS.length;
    setFocusIndex(next);
    buttons.current[next]?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLUListElement>): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(focusIndex + 1),
      ArrowUp: () => moveTo(focusIndex - 1),
      Home: () => moveTo(0),
      End: () => moveTo(VIEWS.length - 1),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
    }
  }

  return (
    <nav className="sidenav" aria-label="Views">
      <ul className="sidenav-list" onKeyDown={onKeyDown}>
        {VIEWS.map((v, i) => (
          <li key={v.id}>
            <button
              type="button"
              ref={(el) => {
                buttons.current[i] = el;
              }}
              className="sidenav-item"
              data-view={v.id}
              tabIndex={i === focusIndex ? 0 : -1}
              aria-current={v.id === view ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${i + 1}`}
              onFocus={() => setFocusIndex(i)}
              onClick={() => go(v.id)}
            >
              <NavIcon view={v.id} />
              <span className="sidenav-label">{v.label}</span>
              <kbd className="sidenav-key" aria-hidden="true">
                {i + 1}
              </kbd>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
