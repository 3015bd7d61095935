import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// Static checks on the Electron sources: the settings that keep the renderer untrusted must be there,
// spelled out, and nothing anywhere may switch them back. Parsed with the TypeScript compiler, not grepped.
const root = path.resolve(import.meta.dirname, '../../..');
const mainDir = path.join(root, 'electron/main');
const preloadDir = path.join(root, 'electron/preload');

function sourcesIn(dir: string): ts.SourceFile[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ts.createSourceFile(path.join(dir, f), fs.readFileSync(path.join(dir, f), 'utf8'), ts.ScriptTarget.Latest, true));
}

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => walk(c, visit));
}

function nodesOf<T extends ts.Node>(files: ts.SourceFile[], guard: (n: ts.Node) => n is T): T[] {
  const out: T[] = [];
  for (const f of files) walk(f, (n) => guard(n) && out.push(n));
  return out;
}

/** Every `name: <literal>` property assignment in the files, as source text of the value. */
function propertyValues(files: ts.SourceFile[], name: string): string[] {
  return nodesOf(files, ts.isPropertyAssignment)
    .filter((p) => p.name.getText() === name)
    .map((p) => p.initializer.getText());
}

function calls(files: ts.SourceFile[], method: string): ts.CallExpression[] {
  return nodesOf(files, ts.isCallExpression).filter(
    (c) => ts.isPropertyAccessExpression(c.expression) && c.expression.name.text === method,
  );
}

/** `contents.on('<event>', handler)` registrations and their handler bodies. */
function eventHandlers(files: ts.SourceFile[], event: string): ts.Node[] {
  return calls(files, 'on')
    .filter((c) => ts.isStringLiteral(c.arguments[0]!) && (c.arguments[0] as ts.StringLiteral).text === event)
    .map((c) => c.arguments[1]!)
    .filter(Boolean);
}

function checkMainHardening(files: ts.SourceFile[]): string[] {
  const problems: string[] = [];
  const expectOnly = (name: string, value: string) => {
    const values = propertyValues(files, name);
    if (!values.length) problems.push(`${name} is never set`);
    for (const v of values) if (v !== value) problems.push(`${name}: ${v} (must be ${value})`);
  };
  expectOnly('contextIsolation', 'true');
  expectOnly('sandbox', 'true');
  expectOnly('nodeIntegration', 'false');
  expectOnly('nodeIntegrationInSubFrames', 'false');
  expectOnly('nodeIntegrationInWorker', 'false');
  expectOnly('webSecurity', 'true');
  expectOnly('allowRunningInsecureContent', 'false');
  expectOnly('webviewTag', 'false');

  const openHandlers = calls(files, 'setWindowOpenHandler');
  if (!openHandlers.length) problems.push('setWindowOpenHandler is never called');
  for (const c of openHandlers) {
    const text = c.arguments[0]?.getText() ?? '';
    if (!/action:\s*'deny'/.test(text) || /action:\s*'allow'/.test(text)) problems.push(`window.open handler does not deny: ${text}`);
  }
  for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
    const handlers = eventHandlers(files, event);
    if (!handlers.length) problems.push(`no ${event} handler`);
    for (const h of handlers) {
      if (!/\bevent\.preventDefault\(\)/.test(h.getText())) problems.push(`${event} handler does not call event.preventDefault()`);
    }
  }
  const permission = calls(files, 'setPermissionRequestHandler');
  if (!permission.length) problems.push('setPermissionRequestHandler is never called');
  for (const c of permission) {
    if (!/callback\(false\)/.test(c.getText()) || /callback\(true\)/.test(c.getText())) problems.push('permission requests are not all denied');
  }
  if (!calls(files, 'requestSingleInstanceLock').length) problems.push('no single-instance lock');
  if (!calls(files, 'enableSandbox').length) problems.push('app.enableSandbox() is not called');
  // The renderer has no channel to main at all: no ipcMain handlers, no remote module, no shell.openExternal.
  for (const f of files) {
    if (/\bipcMain\b/.test(f.text)) problems.push(`${path.basename(f.fileName)} uses ipcMain`);
    if (/@electron\/remote|enableRemoteModule/.test(f.text)) problems.push(`${path.basename(f.fileName)} uses the remote module`);
    if (/openExternal/.test(f.text)) problems.push(`${path.basename(f.fileName)} opens external URLs`);
    if (/\bloadURL\(\s*['"`](https?|file):/.test(f.text)) problems.push(`${path.basename(f.fileName)} loads remote or file:// content`);
  }
  return problems;
}

function checkPreloadExposure(files: ts.SourceFile[]): string[] {
  const problems: string[] = [];
  const exposes = calls(files, 'exposeInMainWorld').concat(calls(files, 'exposeInIsolatedWorld'));
  if (exposes.length !== 1) problems.push(`expected exactly one exposeInMainWorld call, found ${exposes.length}`);
  for (const c of exposes) if (c.arguments[0]?.getText() !== 'BRIDGE_GLOBAL') problems.push(`exposes ${c.arguments[0]?.getText()}`);
  for (const f of files) {
    // A preload that assigns to window/globalThis would leak objects past the context bridge.
    if (/\b(window|globalThis)\s*(\.\w+|\[[^\]]+\])\s*=[^=]/.test(f.text)) problems.push(`${path.basename(f.fileName)} assigns to a page global`);
    if (/\bipcRenderer\.(send|invoke|sendSync|postMessage)\b/.test(f.text)) problems.push(`${path.basename(f.fileName)} opens a renderer → main channel`);
  }
  return problems;
}

describe('Electron hardening (static)', () => {
  const mainFiles = sourcesIn(mainDir);
  const preloadFiles = sourcesIn(preloadDir);

  it('main sets the hardened webPreferences and every guard', () => {
    expect(checkMainHardening(mainFiles)).toEqual([]);
  });

  it('the preload exposes exactly one global, the bridge, and nothing else', () => {
    expect(checkPreloadExposure(preloadFiles)).toEqual([]);
  });

  it('the checks can fail: a weakened copy of the sources is caught', () => {
    const weakened = mainFiles.map((f) =>
      ts.createSourceFile(
        f.fileName,
        f.text
          .replace('sandbox: true', 'sandbox: false')
          .replace("return { action: 'deny' }", "return { action: 'allow' }")
          .replace(/contents\.on\('will-navigate', \(event, url\) => \{\s*event\.preventDefault\(\);/, "contents.on('will-navigate', (event, url) => {"),
        ts.ScriptTarget.Latest,
        true,
      ),
    );
    const problems = checkMainHardening(weakened);
    expect(problems).toContain('sandbox: false (must be true)');
    expect(problems.some((p) => p.startsWith('window.open handler does not deny'))).toBe(true);
    expect(problems).toContain('will-navigate handler does not call event.preventDefault()');

    const leaky = ts.createSourceFile(
      'leaky.ts',
      "contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, b); contextBridge.exposeInMainWorld('ipc', ipcRenderer); window.x = 1; ipcRenderer.send('x');",
      ts.ScriptTarget.Latest,
      true,
    );
    expect(checkPreloadExposure([leaky])).toHaveLength(4);
  });
});
