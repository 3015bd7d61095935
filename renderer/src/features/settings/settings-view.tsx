import type { ReactElement } from 'react';
import { ViewHeader } from '../../views/view-header';
import { AuditPanel } from '../audit/audit-panel';
import { CredentialsPanel } from '../credentials/credentials-panel';
import { EngineInfoPanel } from '../connection/engine-info-panel';
import { EngineLogPanel } from '../engine-log/engine-log-panel';
import { ScopePanel } from '../scan/scope-panel';
import { ThemePicker } from './theme-picker';

export function SettingsView(): ReactElement {
  return (
    <>
      <ViewHeader title="Settings" />
      <div className="view-body settings-grid">
        <ThemePicker />
        <EngineInfoPanel />
        <AuditPanel />
        <CredentialsPanel />
        <ScopePanel />
        <EngineLogPanel />
      </div>
    </>
  );
}
