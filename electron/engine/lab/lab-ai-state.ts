import type { LabDevice, LabModel } from './lab-model-types';

/** What a lab device's AI feature (IPS, telemetry agent) is doing: what its CLI reports and a scan should find. */
export type LabAiState = 'enabled' | 'licensed' | 'disabled';

const STATES: readonly LabAiState[] = ['enabled', 'licensed', 'disabled'];

/**
 * Deterministic from the seed: devices take the states in turn, so every lab of a few devices has some
 * feature running and some licensed but switched off. EOS has no on-box licence for CloudVision, so its
 * devices are only ever enabled or disabled.
 */
export function labAiFeatureState(model: Pick<LabModel, 'seed'>, d: Pick<LabDevice, 'index' | 'platform'>): LabAiState {
  const turn = Math.abs(model.seed + d.index);
  if (d.platform === 'eos') return turn % 2 === 0 ? 'enabled' : 'disabled';
  return STATES[turn % STATES.length] ?? 'disabled';
}
