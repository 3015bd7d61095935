import nunjucks from 'nunjucks';
import { RoutewiseError } from '../../../../shared/api/errors';
import type { ParamValues } from './param-schema';

/**
 * Nunjucks gives templates plain JavaScript property access: `{{ "".constructor.constructor("…")() }}` runs code.
 * So a body is parsed first and refused unless every node is one of a small set of expression and statement
 * kinds, every attribute key is a literal that is not a prototype-chain name, and the only callable is `range`.
 * No loader: include/import/extends cannot reach files. The context holds copies of the parameters only.
 */
const ALLOWED_NODES = new Set([
  'Root', 'NodeList', 'Output', 'TemplateData', 'Symbol', 'Literal', 'LookupVal', 'Filter', 'If', 'InlineIf', 'For',
  'Set', 'Capture', 'Compare', 'CompareOperand', 'And', 'Or', 'Not', 'Add', 'Sub', 'Mul', 'Div', 'FloorDiv', 'Mod',
  'Pow', 'Neg', 'Pos', 'Concat', 'In', 'Is', 'Group', 'Array', 'Dict', 'Pair', 'KeywordArgs', 'FunCall',
]);
const FORBIDDEN_KEYS = /^(constructor|prototype|__proto__|__defineGetter__|__defineSetter__|__lookupGetter__|__lookupSetter__|call|apply|bind)$/;
const CALLABLE = new Set(['range']);
const MAX_OUTPUT_CHARS = 1_000_000;

interface AstNode {
  typename: string;
  fields?: string[];
  children?: AstNode[];
  value?: unknown;
  lineno?: number;
  colno?: number;
  [field: string]: unknown;
}

interface NunjucksParser {
  parse(src: string): AstNode;
}

function isNode(v: unknown): v is AstNode {
  return typeof v === 'object' && v !== null && typeof (v as { typename?: unknown }).typename === 'string';
}

function refuse(node: AstNode, what: string): never {
  const where = node.lineno !== undefined ? ` (line ${node.lineno + 1})` : '';
  throw new RoutewiseError('bad-request', `template body refused${where}: ${what}`);
}

function check(node: AstNode): void {
  if (!ALLOWED_NODES.has(node.typename)) {
    const hint = ['Include', 'Import', 'FromImport', 'Extends'].includes(node.typename) ? ' (templates cannot load other files)' : '';
    refuse(node, `${node.typename} is not allowed${hint}`);
  }
  if (node.typename === 'LookupVal') {
    const key = node['val'];
    if (!isNode(key) || key.typename !== 'Literal') refuse(node, 'computed attribute keys are not allowed; use a literal key (x.name or x[0])');
    if (typeof key.value === 'string' && FORBIDDEN_KEYS.test(key.value)) refuse(node, `attribute ${key.value} is not allowed`);
  }
  if (node.typename === 'FunCall') {
    const fn = node['name'];
    if (!isNode(fn) || fn.typename !== 'Symbol' || !CALLABLE.has(String(fn.value))) refuse(node, `only ${[...CALLABLE].join(', ')}() may be called`);
  }
  for (const f of node.fields ?? []) {
    const v = node[f];
    if (isNode(v)) check(v);
    else if (Array.isArray(v)) for (const c of v) if (isNode(c)) check(c);
  }
  for (const c of node.children ?? []) check(c);
}

/** Throws bad-request naming the first construct a body may not use, or a syntax error with its line. */
export function checkTemplateBody(body: string): void {
  let ast: AstNode;
  try {
    ast = (nunjucks as unknown as { parser: NunjucksParser }).parser.parse(body);
  } catch (err) {
    throw new RoutewiseError('bad-request', `template body does not parse: ${(err as Error).message.replace(/\s+/g, ' ').slice(0, 500)}`);
  }
  check(ast);
}

function makeEnvironment(): nunjucks.Environment {
  // Config text, not HTML: no autoescape. No loader at all. Undefined names are errors, not empty strings.
  const env = new nunjucks.Environment([], { autoescape: false, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true });
  return env;
}

/** Deep copy into null-prototype objects / plain arrays of primitives: nothing in the context leads to a prototype. */
function isolate(values: ParamValues): Record<string, unknown> {
  const ctx = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(values)) ctx[k] = Array.isArray(v) ? v.map(String) : v;
  return ctx;
}

/** Renders a checked body with the (already validated) parameters. */
export function renderBody(body: string, values: ParamValues): string {
  checkTemplateBody(body);
  let out: string;
  try {
    out = new nunjucks.Template(body, makeEnvironment(), undefined, true).render(isolate(values));
  } catch (err) {
    throw new RoutewiseError('bad-request', `template render failed: ${(err as Error).message.replace(/\s+/g, ' ').slice(0, 500)}`);
  }
  if (out.length > MAX_OUTPUT_CHARS) throw new RoutewiseError('bad-request', `rendered config is larger than ${MAX_OUTPUT_CHARS} characters`);
  // One trailing newline, no trailing blanks: diffs stay stable across template edits that only touch whitespace.
  return `${out.split('\n').map((l) => l.replace(/\s+$/, '')).join('\n').replace(/\n+$/, '')}\n`;
}
