import { useVirtualizer } from '@tanstack/react-virtual';
import { type ReactElement, useMemo, useRef } from 'react';
import { displayText } from '../../lib/display-text';
import { InsightItem } from './insight-item';
import type { FeedInsight, GroupBy, InsightGroup } from './threats-model';

type Row = { type: 'group'; group: InsightGroup } | { type: 'insight'; insight: FeedInsight };

/** An insight row before it is measured; rows grow when their details open, and the list re-measures them. */
const ESTIMATED_ROW_PX = 96;

/**
 * The feed as one virtualised list (group headings are rows too): thousands of insights render as the few
 * in view. Every device string inside goes through InsightItem, as text.
 */
export function ThreatFeed({ groups, groupBy }: { groups: InsightGroup[]; groupBy: GroupBy }): ReactElement {
  const rows = useMemo<Row[]>(
    () =>
      groups.flatMap((g) => [
        ...(groupBy === 'none' ? [] : [{ type: 'group' as const, group: g }]),
        ...g.items.map((insight) => ({ type: 'insight' as const, insight })),
      ]),
    [groups, groupBy],
  );
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.type === 'group' ? 36 : ESTIMATED_ROW_PX),
    getItemKey: (i) => {
      const r = rows[i];
      return r ? (r.type === 'group' ? `g:${r.group.key}` : `i:${r.insight.id}`) : i;
    },
    overscan: 6,
  });

  return (
    <div className="th-scroll" ref={scrollRef} tabIndex={0} aria-label="Threat feed" role="region" data-testid="threat-feed">
      <ul className="th-list" style={{ height: `${virtualizer.getTotalSize()}px` }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index];
          if (!row) return null;
          return (
            <li
              key={v.key}
              data-index={v.index}
              ref={virtualizer.measureElement}
              className="th-row"
              style={{ transform: `translateY(${v.start}px)` }}
            >
              {row.type === 'group' ? (
                <h2 className="th-group-title" data-testid="threat-group" data-group={row.group.label}>
                  <span className={`badge sev-${row.group.worst}`}>{row.group.worst}</span> {displayText(row.group.label, 120)}{' '}
                  <span className="dim">
                    {row.group.items.length} insights, {row.group.detections} detections
                  </span>
                </h2>
              ) : (
                <InsightItem insight={row.insight} />
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
