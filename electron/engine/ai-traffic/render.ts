import type { Policy, RenderTarget } from '../../../shared/api/ai-traffic';
import type { Rendered, RenderOptions } from './render-common';
import { renderFortios } from './render-fortios';
import { renderHaproxy } from './render-haproxy';
import { renderIpvs } from './render-ipvs';
import { renderNginx } from './render-nginx';

export function renderPolicy(policy: Policy, target: RenderTarget, opts: RenderOptions = {}): Rendered {
  switch (target) {
    case 'haproxy':
      return renderHaproxy(policy);
    case 'nginx':
      return renderNginx(policy, opts);
    case 'ipvs':
      return renderIpvs(policy);
    case 'fortios':
      return renderFortios(policy, opts);
  }
}
