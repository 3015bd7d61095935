import { bundleWidth, type MapBundle, type MapNode, utilisationColour } from './map-model';

/** Device labels are attacker-controlled: escaped for XML, never interpreted. */
export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

export const ROLE_COLOURS: Record<string, string> = {
  edge: '#8e5bd6',
  core: '#2f6fdb',
  distribution: '#1d9aa6',
  access: '#4f8f3a',
  unknown: '#7b8494',
};

/** The whole map as a standalone SVG document (for reports and slides), in the same styling as the canvas. */
export function mapToSvg(nodes: readonly MapNode[], bundles: readonly MapBundle[], opts: { dark: boolean }): string {
  if (nodes.length === 0) return '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="30">empty map</text></svg>';
  const pad = 80;
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const minX = Math.min(...xs) - pad;
  const minY = Math.min(...ys) - pad;
  const w = Math.max(...xs) - minX + pad;
  const h = Math.max(...ys) - minY + pad;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const fg = opts.dark ? '#d8dce4' : '#1d2330';
  const bg = opts.dark ? '#111318' : '#ffffff';
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${minX} ${minY} ${w} ${h}" width="${Math.round(w)}" height="${Math.round(h)}" font-family="sans-serif" font-size="11">`,
    `<rect x="${minX}" y="${minY}" width="${w}" height="${h}" fill="${bg}"/>`,
  ];
  for (const b of bundles) {
    const a = byId.get(b.a);
    const c = byId.get(b.b);
    if (!a || !c) continue;
    const dash = b.oneSided ? ' stroke-dasharray="6 4"' : '';
    parts.push(
      `<line x1="${a.x}" y1="${a.y}" x2="${c.x}" y2="${c.y}" stroke="${utilisationColour(b.utilisation)}" stroke-width="${bundleWidth(b.capacityMbps).toFixed(1)}"${dash}><title>${xmlEscape(`${a.label} – ${c.label}: ${b.links.length} link(s), ${b.capacityMbps} Mbps`)}</title></line>`,
    );
  }
  for (const n of nodes) {
    const fill = ROLE_COLOURS[n.role] ?? ROLE_COLOURS.unknown;
    const stroke = n.managed ? 'none' : fg;
    parts.push(`<g><title>${xmlEscape(n.label)}</title><circle cx="${n.x}" cy="${n.y}" r="${n.members ? 16 : 11}" fill="${fill}" stroke="${stroke}" stroke-dasharray="${n.managed ? '' : '3 2'}"/>`);
    if (n.aiCapable) parts.push(`<circle cx="${n.x}" cy="${n.y}" r="${n.members ? 20 : 15}" fill="none" stroke="#e0a43c" stroke-width="2.5"/><text x="${n.x + 12}" y="${n.y - 10}" fill="#e0a43c" font-weight="bold" font-size="9">AI</text>`);
    parts.push(`<text x="${n.x}" y="${n.y + 26}" fill="${fg}" text-anchor="middle">${xmlEscape(n.label.slice(0, 40))}</text></g>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
