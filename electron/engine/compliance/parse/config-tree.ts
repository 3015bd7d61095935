import type { Platform } from '../../../../shared/domain/device';

/**
 * One configuration statement with the 1-based line number it came from, so a finding can quote the exact
 * lines an auditor will find in the device's own config file.
 */
export interface ConfigNode {
  readonly line: number;
  readonly text: string;
  readonly children: ConfigNode[];
  readonly parent: ConfigNode | undefined;
}

export type ConfigStyle = 'ios' | 'junos-set' | 'fortios' | 'routeros';

export interface ParsedConfig {
  readonly style: ConfigStyle;
  /** Top-level statements. */
  readonly roots: readonly ConfigNode[];
  /** Every statement in file order. */
  readonly all: readonly ConfigNode[];
}

export function makeNode(line: number, text: string, parent: ConfigNode | undefined): ConfigNode {
  const node: ConfigNode = { line, text, children: [], parent };
  parent?.children.push(node);
  return node;
}

/** The node's ancestors, nearest first. */
export function ancestors(node: ConfigNode): ConfigNode[] {
  const out: ConfigNode[] = [];
  for (let p = node.parent; p; p = p.parent) out.push(p);
  return out;
}

export function descendants(node: ConfigNode): ConfigNode[] {
  const out: ConfigNode[] = [];
  const walk = (n: ConfigNode) => {
    for (const c of n.children) {
      out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

/** Which parser reads which platform's configuration text. */
export function styleFor(platform: Platform): ConfigStyle | undefined {
  switch (platform) {
    case 'ios':
    case 'iosxe':
    case 'iosxr':
    case 'nxos':
    case 'asa':
    case 'eos':
    case 'frr':
    case 'vyos':
      return 'ios';
    case 'junos':
      return 'junos-set';
    case 'fortios':
      return 'fortios';
    case 'routeros':
      return 'routeros';
    default:
      return undefined;
  }
}

export function splitLines(text: string): string[] {
  return text.replace(/\r\n?/g, '\n').split('\n');
}
