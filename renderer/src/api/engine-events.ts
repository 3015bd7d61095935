import { LabStatus } from '../../../shared/api/lab';
import { rolloutEvents } from '../../../shared/api/rollout';
import { Settings } from '../../../shared/api/system';
import { threatsEvents } from '../../../shared/api/threats';
import { useAuditStore } from '../features/audit/audit-store';
import { useConnectionStore } from '../features/connection/connection-store';
import { useCredentialsStore } from '../features/credentials/credentials-store';
import { useEngineLogStore } from '../features/engine-log/engine-log-store';
import { useInventoryStore } from '../features/inventory/inventory-store';
import { useLabStore } from '../features/lab/lab-store';
import { useMapStore } from '../features/map/map-store';
import { useNavigationStore } from '../features/navigation/navigation-store';
import { refreshOnStep, useRolloutsStore } from '../features/rollouts/rollouts-store';
import { useScanStore } from '../features/scan/scan-store';
import { useScopeStore } from '../features/scan/scope-store';
import { useSettingsStore } from '../features/settings/settings-store';
import { useThreatsStore } from '../features/threats/threats-store';
import type { EngineConnection } from './connect';
import type { LinkState } from './ws-transport';
import { useComplianceStore } from '../features/compliance/compliance-store';

/**
 * The only place that listens to the engine (and the desktop host): link changes, pushed events, menu
 * commands, and the reloads a (re)connect needs. Every store is fed from here, so no component subscribes to the transport (after Bruno's
 * "all main→renderer events are wired in one place").
 */
export function wireEngineEvents(connection: EngineConnection): () => void {
  const { client } = connection;
  const offs: Array<() => void> = [];
  useConnectionStore.getState().attach(connection.kind, () => connection.retryNow());

  const onLink = (link: LinkState): void => {
    useConnectionStore.getState().setLink(link);
    if (link.phase === 'open') void reloadAll();
  };
  offs.push(connection.onLink(onLink));
  onLink(connection.link);

  offs.push(
    client.on('settings.changed', (payload) => {
      // Events are validated like any other input from outside this module.
      const parsed = Settings.safeParse(payload);
      if (parsed.success) useSettingsStore.getState().received(parsed.data);
    }),
  );
  offs.push(client.on('engine.log', (entry) => useEngineLogStore.getState().append(entry)));
  offs.push(client.on('scan.progress', (p) => useScanStore.getState().progressReceived(p)));
  offs.push(client.on('scope.changed', () => useScopeStore.getState().changed()));
  offs.push(
    client.on('scan.finished', (s) => {
      useScanStore.getState().finishedReceived(s);
      void useInventoryStore.getState().load();
    }),
  );
  offs.push(client.on('topology.progress', (p) => useMapStore.getState().setProgress(p)));
  offs.push(client.on('topology.updated', () => void useMapStore.getState().load()));
  offs.push(
    client.on('lab.changed', (payload) => {
      const parsed = LabStatus.safeParse(payload);
      if (parsed.success) useLabStore.getState().received(parsed.data);
    }),
  );
  offs.push(
    client.on('threats.insight', (payload) => {
      // Device-supplied text inside: validated here, rendered as text by the view.
      const parsed = threatsEvents['threats.insight'].safeParse(payload);
      if (parsed.success) useThreatsStore.getState().received(parsed.data);
    }),
  );
  offs.push(
    client.on('rollout.step', (payload) => {
      const parsed = rolloutEvents['rollout.step'].safeParse(payload);
      if (parsed.success) refreshOnStep(parsed.data);
    }),
  );
  offs.push(
    client.on('rollout.status', (payload) => {
      const parsed = rolloutEvents['rollout.status'].safeParse(payload);
      if (parsed.success) useRolloutsStore.getState().statusReceived(parsed.data);
    }),
  );
  offs.push(
    client.on('compliance.updated', () => {
      // Re-evaluated by the engine after a rollout or a backup: refresh the view if it has been opened.
      const compliance = useComplianceStore.getState();
      if (compliance.evaluatedAt !== null) void compliance.evaluate();
    }),
  );
  connection.onHostCommand((command) => {
    if (command.type === 'navigate') useNavigationStore.getState().go(command.view);
  });
  return () => offs.forEach((off) => off());
}

async function reloadAll(): Promise<void> {
  await Promise.all([
    useConnectionStore.getState().loadInfo(),
    useSettingsStore.getState().load(),
    useCredentialsStore.getState().load(),
    useInventoryStore.getState().load(),
    useAuditStore.getState().verify(),
    useLabStore.getState().load(),
    // Insights that arrived while the link was down: only once the Threats view has loaded the feed.
    useThreatsStore.getState().loaded ? useThreatsStore.getState().load() : Promise.resolve(),
  ]);
}
