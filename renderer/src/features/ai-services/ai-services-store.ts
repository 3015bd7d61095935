import { create } from 'zustand';
import type { AiService, PolicyDeployRequest, PolicyIssue, PreviewResult, RenderTarget, SimulationReport } from '../../../../shared/api/ai-traffic';
import type { CredentialSummary } from '../../../../shared/api/credentials';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';
import { useNavigationStore } from '../navigation/navigation-store';
import { useRolloutsStore } from '../rollouts/rollouts-store';

export const EXAMPLE_POLICY = `# Backends come from the registry unless listed here (see docs/ai-traffic.md).
name: chat
algorithm: least-connections
pools:
  - name: all
    backends: []   # ids from the table above
`;

interface AiServicesState {
  services: AiService[];
  loading: boolean;
  error: string | null;
  policyText: string;
  compareText: string;
  issues: PolicyIssue[] | null;
  preview: PreviewResult | null;
  reports: SimulationReport[];
  simulating: boolean;
  rendered: { target: RenderTarget; config: string; files: Array<{ name: string; content: string }>; notes: string[] } | null;
  load(): Promise<void>;
  probe(): Promise<void>;
  setPolicyText(t: string): void;
  setCompareText(t: string): void;
  validate(): Promise<void>;
  previewRequest(client: string, model: string): Promise<void>;
  simulate(requests: number, ratePerSec: number): Promise<void>;
  render(target: RenderTarget, nginxNjs?: boolean): Promise<void>;
  sshCredentials: CredentialSummary[];
  deploying: boolean;
  deployError: string | null;
  loadCredentials(): Promise<void>;
  /** Plans a phased rollout of the policy to load-balancer hosts and opens it in the Rollouts view. */
  deploy(request: Omit<PolicyDeployRequest, 'text'>): Promise<void>;
}

/** A starting policy over what is registered: one pool with every backend. */
function policyFromRegistry(services: readonly AiService[]): string {
  if (services.length === 0) return EXAMPLE_POLICY;
  return `name: chat\nalgorithm: least-connections\npools:\n  - name: all\n    backends: [${services.map((s) => s.id).join(', ')}]\n`;
}

export const useAiServicesStore = create<AiServicesState>((set, get) => ({
  services: [],
  loading: false,
  error: null,
  policyText: '',
  compareText: '',
  issues: null,
  preview: null,
  reports: [],
  simulating: false,
  rendered: null,
  sshCredentials: [],
  deploying: false,
  deployError: null,
  load: async () => {
    set({ loading: true });
    try {
      const services = await callEngine('ai-services.list', {});
      set((s) => ({ services, loading: false, error: null, policyText: s.policyText || policyFromRegistry(services) }));
    } catch (err) {
      set({ loading: false, error: errorText(err) });
    }
  },
  probe: async () => {
    set({ loading: true });
    try {
      await callEngine('ai-services.probe', { ids: [] });
      set({ services: await callEngine('ai-services.list', {}), loading: false, error: null });
    } catch (err) {
      set({ loading: false, error: errorText(err) });
    }
  },
  setPolicyText: (policyText) => set({ policyText, issues: null }),
  setCompareText: (compareText) => set({ compareText }),
  validate: async () => {
    try {
      const res = await callEngine('policy.validate', { text: get().policyText });
      set({ issues: res.issues, error: null });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  previewRequest: async (client, model) => {
    try {
      set({ preview: await callEngine('policy.preview', { text: get().policyText, request: { client, ...(model ? { model } : {}) } }), error: null });
    } catch (err) {
      set({ preview: null, error: errorText(err) });
    }
  },
  simulate: async (requests, ratePerSec) => {
    const { policyText, compareText, services } = get();
    set({ simulating: true });
    try {
      const models = Object.fromEntries([...new Set(services.map((s) => (s.version ? `${s.model}:${s.version}` : s.model)))].map((m) => [m, 1]));
      const policies = compareText.trim() ? [policyText, compareText] : [policyText];
      const reports = await callEngine('policy.simulate', {
        policies,
        trace: { synthetic: { requests, ratePerSec, models: Object.keys(models).length ? models : { default: 1 }, clients: Array.from({ length: 50 }, (_, i) => `10.0.0.${i + 1}`) } },
      });
      set({ reports, simulating: false, error: null });
    } catch (err) {
      set({ simulating: false, error: errorText(err) });
    }
  },
  loadCredentials: async () => {
    try {
      set({ sshCredentials: (await callEngine('credentials.list', {})).filter((c) => c.kind === 'ssh') });
    } catch (err) {
      set({ deployError: errorText(err) });
    }
  },
  deploy: async (request) => {
    set({ deploying: true, deployError: null });
    try {
      const plan = await callEngine('policy.deploy', { ...request, text: get().policyText });
      set({ deploying: false });
      const rollouts = useRolloutsStore.getState();
      await rollouts.loadPlans();
      await rollouts.select(plan.id);
      useNavigationStore.getState().go('rollouts');
    } catch (err) {
      set({ deploying: false, deployError: errorText(err) });
    }
  },
  render: async (target, nginxNjs = false) => {
    try {
      set({ rendered: await callEngine('policy.render', { text: get().policyText, target, nginxNjs: target === 'nginx' && nginxNjs }), error: null });
    } catch (err) {
      set({ rendered: null, error: errorText(err) });
    }
  },
}));
