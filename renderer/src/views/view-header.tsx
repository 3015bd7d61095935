import type { ReactElement, ReactNode } from 'react';

export function ViewHeader({ title, children }: { title: string; children?: ReactNode }): ReactElement {
  return (
    <header className="view-header">
      <h1 id="view-title">{title}</h1>
      {children && <div className="view-actions">{children}</div>}
    </header>
  );
}
