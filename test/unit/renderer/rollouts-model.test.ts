import { describe, expect, it } from 'vitest';
import { RoutewiseError } from '../../../shared/api/errors';
import { PlanRequest, type TemplateInfo } from '../../../shared/api/rollout';
import { draftToParams, engineParamErrors, initialDraft, planActions } from '../../../renderer/src/features/rollouts/rollout-params';
import { INITIAL_TARGETS, targetsToRequest } from '../../../renderer/src/features/rollouts/rollout-targets';

const ntp: TemplateInfo = {
  name: 'ntp',
  description: '',
  platforms: ['iosxe', 'junos'],
  mode: 'merge',
  source: 'shipped',
  parameters: {
    servers: { type: 'ipv4-list', description: '', required: true, secret: false, validation: { min: 1 } },
    timezone: { type: 'enum', description: '', default: 'UTC', required: false, secret: false, validation: { values: ['UTC', 'Asia/Tokyo'] } },
    retries: { type: 'integer', description: '', required: false, secret: false, validation: {} },
    verbose: { type: 'boolean', description: '', default: true, required: false, secret: false, validation: {} },
  },
};

describe('rollout wizard model', () => {
  it('starts from the defaults and turns the form into typed parameters', () => {
    const d = initialDraft(ntp);
    expect(d).toEqual({ servers: '', timezone: 'UTC', retries: '', verbose: true });
    expect(draftToParams(ntp, d).errors).toEqual({ servers: 'required' });
    const r = draftToParams(ntp, { ...d, servers: ' 192.0.2.1, 192.0.2.2 ,', retries: '3' });
    expect(r).toEqual({ params: { servers: ['192.0.2.1', '192.0.2.2'], timezone: 'UTC', retries: 3, verbose: true }, errors: {} });
    expect(draftToParams(ntp, { ...d, servers: '192.0.2.1', retries: '3.5' }).errors).toEqual({ retries: 'expected an integer' });
  });

  it("maps the engine's parameter errors to their fields, and nothing else", () => {
    const err = new RoutewiseError('bad-request', 'template ntp: …', { errors: [{ parameter: 'servers', message: 'not an IPv4 address' }] });
    expect(engineParamErrors(err)).toEqual({ servers: 'not an IPv4 address' });
    expect(engineParamErrors(new RoutewiseError('bad-request', 'x', [{ path: 'a', message: 'b' }]))).toBeNull();
    expect(engineParamErrors(new Error('x'))).toBeNull();
  });

  it('builds a plan request the engine schema accepts, and refuses bad input with a sentence', () => {
    const ok = targetsToRequest({ ...INITIAL_TARGETS, devices: ['127.35.0.1', '127.35.0.2'], pilot: '127.35.0.1', waves: '100%', soakSec: '0' });
    expect(ok.error).toBeNull();
    const parsed = PlanRequest.parse({ ...ok.request, template: 'ntp' });
    expect(parsed.targets).toBe('device:127.35.0.1,127.35.0.2');
    expect(parsed.pilot).toBe('device:127.35.0.1');
    expect(parsed.waves).toEqual(['100%']);
    expect(targetsToRequest(INITIAL_TARGETS).error).toBe('Choose at least one device.');
    expect(targetsToRequest({ ...INITIAL_TARGETS, kind: 'all', confirmWithinSec: '10' }).error).toMatch(/30 to 3600/);
    expect(targetsToRequest({ ...INITIAL_TARGETS, kind: 'platform', platform: 'junos', cpuMaxPercent: '80' }).request?.gates).toMatchObject({ cpuMaxPercent: 80 });
    expect(targetsToRequest({ ...INITIAL_TARGETS, kind: 'all', windowStart: '22:00' }).error).toMatch(/Maintenance window/);
    const windowed = targetsToRequest({ ...INITIAL_TARGETS, kind: 'all', windowStart: '22:00', windowEnd: '04:30' });
    expect(PlanRequest.parse({ ...windowed.request, template: 'ntp' }).maintenanceWindow).toEqual({ start: '22:00', end: '04:30', timezone: 'utc' });
    expect(ok.request).not.toHaveProperty('maintenanceWindow');
  });

  it('offers only the controls that fit the plan state', () => {
    expect(planActions('draft')).toEqual(['approve']);
    expect(planActions('running')).toEqual(['pause', 'abort']);
    expect(planActions('halted')).toEqual(['rollback']);
    expect(planActions('rolled-back')).toEqual([]);
  });
});
