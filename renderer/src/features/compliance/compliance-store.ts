import { create } from 'zustand';
import type { ComplianceFramework, Finding, FindingCounts, PackInfo, ReportFormat, RuleIssue } from '../../../../shared/api/compliance';
import type { Output } from '../../../../shared/api/contract';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';
import { contentBytes, type Drill, expiryFromDate } from './compliance-model';

export type Rules = Output<'compliance.rules'>;
export type WaiverRow = Output<'compliance.waivers'>[number];
export type ReportResult = Output<'report.build'>;
export type PackSource = Output<'compliance.packSource'>;

/** The rule being edited in the rule pack editor. */
export interface RuleEdit {
  ruleId: string;
  yaml: string;
  version: string;
  issues: RuleIssue[];
  /** The text the issues are for (checked === yaml: the list is current). */
  checked: string | null;
  saving: boolean;
  error: string | null;
}

export interface WaiverDraft {
  ruleId: string;
  deviceId: string;
  reason: string;
  owner: string;
  /** YYYY-MM-DD from a date input. */
  expiresOn: string;
}

export interface ReportDraft {
  framework: ComplianceFramework;
  format: ReportFormat;
  /** YYYY-MM-DD, both optional. */
  from: string;
  to: string;
}

export interface ExportedReport {
  fileName: string;
  mediaType: string;
  bytes: number;
  /** An object URL of the content for the download link; revoked when replaced. */
  url: string;
}

interface ComplianceState {
  loading: boolean;
  error: string | null;
  pack: PackInfo | null;
  evaluatedAt: string | null;
  devices: number;
  totals: FindingCounts | null;
  findings: Finding[];
  truncated: boolean;
  rules: Rules | null;
  waivers: WaiverRow[];
  drill: Drill;
  waiverError: string | null;
  reportBusy: boolean;
  reportError: string | null;
  report: ExportedReport | null;
  load(): Promise<void>;
  evaluate(): Promise<void>;
  loadRules(): Promise<void>;
  loadWaivers(): Promise<void>;
  setDrill(drill: Drill): void;
  addWaiver(draft: WaiverDraft): Promise<boolean>;
  revokeWaiver(id: string): Promise<void>;
  buildReport(draft: ReportDraft): Promise<void>;
  packSource: PackSource | null;
  edit: RuleEdit | null;
  editorNotice: string | null;
  loadPackSource(): Promise<void>;
  startEdit(ruleId: string): void;
  changeEdit(patch: Partial<Pick<RuleEdit, 'yaml' | 'version'>>): void;
  cancelEdit(): void;
  checkEdit(): Promise<boolean>;
  saveEdit(): Promise<boolean>;
  revertPack(): Promise<void>;
}

/** The rule pack editor's actions (defined before the store: create() runs its initializer at once). */
const packActions = (set: (p: Partial<ComplianceState>) => void, get: () => ComplianceState) => ({
  loadPackSource: async () => {
    try {
      set({ packSource: await callEngine('compliance.packSource', {}) });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  startEdit: (ruleId: string) => {
    const src = get().packSource;
    const rule = src?.rules.find((r) => r.id === ruleId);
    if (!src || !rule) return;
    set({ edit: { ruleId, yaml: rule.yaml, version: src.nextVersion, issues: [], checked: rule.yaml, saving: false, error: null }, editorNotice: null });
  },
  changeEdit: (patch: Partial<Pick<RuleEdit, 'yaml' | 'version'>>) => {
    const edit = get().edit;
    if (edit) set({ edit: { ...edit, ...patch, error: null } });
  },
  cancelEdit: () => set({ edit: null }),
  checkEdit: async () => {
    const edit = get().edit;
    if (!edit) return false;
    const yaml = edit.yaml;
    try {
      const r = await callEngine('compliance.checkRule', { ruleId: edit.ruleId, yaml });
      const now = get().edit;
      // A reply for text typed over since: the next check answers for the current text.
      if (now && now.ruleId === edit.ruleId && now.yaml === yaml) set({ edit: { ...now, issues: r.issues, checked: yaml } });
      return r.ok;
    } catch (err) {
      const now = get().edit;
      if (now) set({ edit: { ...now, error: errorText(err) } });
      return false;
    }
  },
  saveEdit: async () => {
    const edit = get().edit;
    if (!edit || edit.saving) return false;
    if (!(await get().checkEdit())) return false;
    set({ edit: { ...get().edit!, saving: true } });
    try {
      const r = await callEngine('compliance.saveRule', { ruleId: edit.ruleId, yaml: edit.yaml, version: edit.version.trim() });
      set({ edit: null, editorNotice: `Saved ${edit.ruleId}: rule pack version ${r.pack.version}, hash ${r.pack.hash.slice(0, 16)}…` });
      await Promise.all([get().loadRules(), get().loadPackSource(), get().evaluate()]);
      return true;
    } catch (err) {
      const now = get().edit;
      if (now) set({ edit: { ...now, saving: false, error: errorText(err) } });
      return false;
    }
  },
  revertPack: async () => {
    try {
      const r = await callEngine('compliance.revertPack', {});
      set({ edit: null, editorNotice: r.reverted ? `Reverted to the shipped rule pack, version ${r.pack.version}.` : 'The shipped rule pack is already active.' });
      await Promise.all([get().loadRules(), get().loadPackSource(), get().evaluate()]);
    } catch (err) {
      set({ editorNotice: errorText(err) });
    }
  },
});

export const useComplianceStore = create<ComplianceState>((set, get) => ({
  loading: false,
  error: null,
  pack: null,
  evaluatedAt: null,
  devices: 0,
  totals: null,
  findings: [],
  truncated: false,
  rules: null,
  waivers: [],
  drill: null,
  waiverError: null,
  reportBusy: false,
  reportError: null,
  report: null,
  packSource: null,
  edit: null,
  editorNotice: null,
  load: async () => {
    await Promise.all([get().evaluate(), get().loadRules(), get().loadWaivers()]);
  },
  evaluate: async () => {
    set({ loading: true });
    try {
      const r = await callEngine('compliance.evaluate', { limit: 200_000 });
      set({ loading: false, error: null, pack: r.pack, evaluatedAt: r.evaluatedAt, devices: r.devices, totals: r.totals, findings: r.findings, truncated: r.truncated });
    } catch (err) {
      set({ loading: false, error: errorText(err) });
    }
  },
  loadRules: async () => {
    try {
      set({ rules: await callEngine('compliance.rules', {}) });
    } catch (err) {
      set({ error: errorText(err) });
    }
  },
  loadWaivers: async () => {
    try {
      set({ waivers: await callEngine('compliance.waivers', {}) });
    } catch (err) {
      set({ waiverError: errorText(err) });
    }
  },
  setDrill: (drill) => set({ drill }),
  addWaiver: async (draft) => {
    const expiresAt = expiryFromDate(draft.expiresOn, new Date());
    if (!expiresAt) {
      set({ waiverError: 'Choose an expiry date in the future.' });
      return false;
    }
    if (draft.reason.trim().length < 3) {
      set({ waiverError: 'Give a reason (at least 3 characters).' });
      return false;
    }
    if (!draft.owner.trim()) {
      set({ waiverError: 'Name an owner.' });
      return false;
    }
    try {
      await callEngine('compliance.waive', {
        ruleId: draft.ruleId,
        deviceId: draft.deviceId || '*',
        reason: draft.reason.trim(),
        owner: draft.owner.trim(),
        expiresAt,
      });
      set({ waiverError: null });
      await Promise.all([get().loadWaivers(), get().evaluate()]);
      return true;
    } catch (err) {
      set({ waiverError: errorText(err) });
      return false;
    }
  },
  revokeWaiver: async (id) => {
    try {
      await callEngine('compliance.revokeWaiver', { id });
      await Promise.all([get().loadWaivers(), get().evaluate()]);
    } catch (err) {
      set({ waiverError: errorText(err) });
    }
  },
  ...packActions(set, get),
  buildReport: async (draft) => {
    set({ reportBusy: true, reportError: null });
    try {
      const r = await callEngine('report.build', {
        framework: draft.framework,
        format: draft.format,
        ...(draft.from ? { from: `${draft.from}T00:00:00.000Z` } : {}),
        ...(draft.to ? { to: `${draft.to}T23:59:59.999Z` } : {}),
      });
      const previous = get().report;
      if (previous) URL.revokeObjectURL(previous.url);
      set({ reportBusy: false, report: toExported(r) });
    } catch (err) {
      set({ reportBusy: false, reportError: errorText(err) });
    }
  },
}));

function toExported(r: ReportResult): ExportedReport {
  const body = r.encoding === 'base64' ? Uint8Array.from(atob(r.content), (c) => c.charCodeAt(0)) : r.content;
  // The blob is only ever downloaded (never opened in this window), so the report's own markup never runs here.
  const blob = new Blob([body], { type: 'application/octet-stream' });
  return { fileName: r.fileName, mediaType: r.mediaType, bytes: contentBytes(r.content, r.encoding), url: URL.createObjectURL(blob) };
}
