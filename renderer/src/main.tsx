import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { connect } from './api/connect';
import { setEngineApi } from './api/engine-api';
import { wireEngineEvents } from './api/engine-events';
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

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root');
createRoot(rootElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
