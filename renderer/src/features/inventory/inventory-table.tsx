import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactElement, useRef } from 'react';
import type { DeviceSummary, InventorySortField } from '../../../../shared/api/inventory';
import { displayText } from '../../lib/display-text';
import { useInventoryStore } from './inventory-store';

const ROW_HEIGHT_PX = 32;

/** `[2001:db8::1]:1161` for IPv6 (RFC 3986), `10.0.0.1:1161` otherwise. */
export function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

const COLUMNS: Array<{ field: InventorySortField; label: string; cell: (d: DeviceSummary) => string }> = [
  { field: 'address', label: 'Address', cell: (d) => (d.port === 161 ? d.address : hostPort(d.address, d.port)) },
  { field: 'sysName', label: 'Name', cell: (d) => d.sysName ?? d.hostname ?? '' },
  { field: 'vendor', label: 'Vendor', cell: (d) => d.vendor ?? '' },
  { field: 'platform', label: 'Platform', cell: (d) => d.platform },
  { field: 'osVersion', label: 'OS version', cell: (d) => d.osVersion ?? '' },
  { field: 'model', label: 'Model', cell: (d) => d.model ?? '' },
  { field: 'aiCapable', label: 'AI', cell: (d) => (d.aiCapable ? 'AI-capable' : '') },
  { field: 'lastSeen', label: 'Last seen', cell: (d) => new Date(d.lastSeen).toLocaleString() },
];

/**
 * The device list as an ARIA table whose rows are virtualised: 10,000 devices render as the ~30 rows in
 * view. Every device string goes through displayText and lands in a text node, never in HTML.
 */
export function InventoryTable(): ReactElement {
  const items = useInventoryStore((s) => s.items);
  const sort = useInventoryStore((s) => s.sort);
  const direction = useInventoryStore((s) => s.direction);
  const sortBy = useInventoryStore((s) => s.sortBy);
  const selectedId = useInventoryStore((s) => s.selectedId);
  const select = useInventoryStore((s) => s.select);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT_PX,
    overscan: 12,
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = items.findIndex((d) => d.id === selectedId);
    const next = Math.max(0, Math.min(items.length - 1, at + (e.key === 'ArrowDown' ? 1 : -1)));
    const device = items[next];
    if (device) {
      void select(device.id);
      virtualizer.scrollToIndex(next);
    }
  };

  return (
    <div className="inv-table" role="table" aria-label="Devices" aria-rowcount={items.length + 1}>
      <div className="inv-row inv-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((c) => (
          <div
            key={c.field}
            role="columnheader"
            className="inv-cell"
            aria-sort={sort === c.field ? (direction === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button type="button" className="inv-sort" onClick={() => sortBy(c.field)}>
              {c.label}
              <span aria-hidden="true">{sort === c.field ? (direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
            </button>
          </div>
        ))}
      </div>
      <div className="inv-scroll" ref={scrollRef} tabIndex={0} onKeyDown={onKeyDown} data-testid="inventory-scroll">
        <div role="rowgroup" style={{ height: `${virtualizer.getTotalSize()}px`, position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const d = items[v.index];
            if (!d) return null;
            return (
              <div
                key={d.id}
                role="row"
                aria-rowindex={v.index + 2}
                aria-selected={d.id === selectedId}
                data-device-id={d.id}
                className={`inv-row inv-body-row${d.id === selectedId ? ' inv-selected' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: `${v.size}px`, transform: `translateY(${v.start}px)` }}
                onClick={() => void select(d.id)}
              >
                {COLUMNS.map((c) => (
                  <div key={c.field} role="cell" className={`inv-cell truncate${c.field === 'address' ? ' mono' : ''}`}>
                    {c.field === 'aiCapable' && d.aiCapable ? <span className="badge badge-ok">AI</span> : displayText(c.cell(d), 120)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
