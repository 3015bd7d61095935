import type { ReactElement } from 'react';
import type { ViewId } from '../features/navigation/views';

/** 16px stroke icons, drawn for this app; decorative (the label names the view). */
const PATHS: Record<ViewId, ReactElement> = {
  inventory: (
    <>
      <rect x="2" y="2.5" width="12" height="4" rx="1" />
      <rect x="2" y="9.5" width="12" height="4" rx="1" />
      <path d="M4.5 4.5h.01M4.5 11.5h.01M8 4.5h4M8 11.5h4" />
    </>
  ),
  map: (
    <>
      <circle cx="3.5" cy="8" r="1.8" />
      <circle cx="12.5" cy="3.5" r="1.8" />
      <circle cx="12.5" cy="12.5" r="1.8" />
      <path d="M5.1 7.2l5.8-2.9M5.1 8.8l5.8 2.9" />
    </>
  ),
  bottlenecks: <path d="M1.5 3h4.5l2 4h0l2-4h4.5M1.5 13h4.5l2-4 2 4h4.5M8 7v2" />,
  rollouts: (
    <>
      <path d="M2 13.5V10h3v3.5M6.5 13.5V6.5h3v7M11 13.5V2.5h3v11" />
    </>
  ),
  threats: <path d="M8 1.5l5.5 2v4c0 3.2-2.3 5.8-5.5 7-3.2-1.2-5.5-3.8-5.5-7v-4zM8 5v3.5M8 10.8h.01" />,
  compliance: (
    <>
      <rect x="2.5" y="1.5" width="11" height="13" rx="1.2" />
      <path d="M5 6l1.5 1.5L9.5 4.5M5 10.5h6" />
    </>
  ),
  lab: <path d="M6 1.5h4M6.8 1.5v4.3L2.6 12.6a1.3 1.3 0 0 0 1.1 1.9h8.6a1.3 1.3 0 0 0 1.1-1.9L9.2 5.8V1.5M4.6 9.5h6.8" />,
  settings: (
    <>
      <circle cx="8" cy="8" r="2.2" />
      <path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" />
    </>
  ),
  'ai-services': (
    <>
      <rect x="5" y="5" width="6" height="6" rx="1" />
      <path d="M7 2.5v2.5M9 2.5v2.5M7 11v2.5M9 11v2.5M2.5 7h2.5M2.5 9h2.5M11 7h2.5M11 9h2.5" />
    </>
  ),
};

export function NavIcon({ view }: { view: ViewId }): ReactElement {
  return (
    <svg className="nav-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {PATHS[view]}
    </svg>
  );
}
