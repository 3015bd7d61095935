import { create } from 'zustand';
import type { AuditVerifyResult } from '../../../../shared/api/audit';
import { callEngine } from '../../api/engine-api';
import { errorText } from '../../lib/error-text';

interface AuditState {
  result: AuditVerifyResult | null;
  verifying: boolean;
  checkedAt: string | null;
  error: string | null;
  verify(): Promise<void>;
}

export const useAuditStore = create<AuditState>((set) => ({
  result: null,
  verifying: false,
  checkedAt: null,
  error: null,
  verify: async () => {
    set({ verifying: true });
    try {
      const result = await callEngine('audit.verify', {});
      set({ result, verifying: false, checkedAt: new Date().toISOString(), error: null });
    } catch (err) {
      set({ verifying: false, error: errorText(err) });
    }
  },
}));
