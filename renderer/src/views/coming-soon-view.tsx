import type { ReactElement } from 'react';
import type { ViewSpec } from '../features/navigation/views';
import { NavIcon } from '../shell/nav-icons';
import { ViewHeader } from './view-header';

export function ComingSoonView({ spec }: { spec: ViewSpec }): ReactElement {
  return (
    <>
      <ViewHeader title={spec.label} />
      <div className="view-body">
        <section className="empty-state" aria-label={`${spec.label}: not built yet`}>
          <div className="empty-icon" aria-hidden="true">
            <NavIcon view={spec.id} />
          </div>
          <p className="empty-title">Coming in a later release</p>
          <p className="empty-text">{spec.comingSoon}</p>
        </section>
      </div>
    </>
  );
}
