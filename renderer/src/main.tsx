import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { connect } from './api/connect';
import { setEngineApi } from './api/engine-api';
import { wireEngineEvents } from './api/engine-events';
import { takeSessionToken } from './api/session-token';
import { useConnectionStore } from './features/connection/connection-store';
import { applyTheme } from './shell/theme';
import './styles/theme.css';
import './styles/app.css';

// Paint in the OS theme until the engine's setting arrives.
applyTheme('system');

const result = connect({ window });
if (result.ok) {
  setEngineApi(result.connection.client);
  wireEngineEvents(result.connection);
} else {
  useConnectionStore.getState().setMissingToken();
}

// Pasting a fresh `routewise serve` URL into this tab only changes the fragment: no page load happens, so
// take the new token and start over with it.
window.addEventListener('hashchange', () => {
  if (!new URLSearchParams(window.location.hash.replace(/^#/, '')).has('token')) return;
  takeSessionToken({ location: window.location, storage: window.sessionStorage, history: window.history });
  window.location.reload();
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
