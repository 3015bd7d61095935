import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { createEngine } from '../../engine/engine';
import { startBrowserHost } from '../../engine/host/browser-host';
import type { GlobalOptions } from '../runtime';

const here = path.dirname(fileURLToPath(import.meta.url));

export function registerServeCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('run the engine and the app UI in your browser (127.0.0.1 only, token-protected)')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--allow-remote', 'allow binding a non-loopback address (prints a warning)', false)
    .option('--open', 'open the URL in the default browser', false)
    .option('--renderer-dir <dir>', 'folder of the built renderer', defaultRendererDir())
    .action(async (o: { port: string; host: string; allowRemote: boolean; open: boolean; rendererDir: string }) => {
      const g = globals();
      const engine = await createEngine({ dataDir: g.dataDir, host: 'browser' });
      let host;
      try {
        host = await startBrowserHost({
          engine,
          rendererDir: o.rendererDir,
          host: o.host,
          port: Number(o.port),
          allowRemote: o.allowRemote,
          token: process.env.ROUTEWISE_SESSION_TOKEN || undefined,
          warn: (m) => process.stderr.write(`${m}\n`),
        });
      } catch (err) {
        await engine.close();
        throw err;
      }
      const started = { url: host.url, port: host.port, dataDir: g.dataDir };
      process.stdout.write(g.json ? `${JSON.stringify(started)}\n` : `Routewise is serving at ${host.url}\n(data: ${g.dataDir}; Ctrl-C stops it)\n`);
      if (o.open) openInBrowser(host.url);
      const stop = async () => {
        await host.close();
        await engine.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop());
      process.once('SIGTERM', () => void stop());
      await new Promise(() => {});
    });
}

function defaultRendererDir(): string {
  // source: electron/cli/commands → ../../../dist/renderer ; bundle: dist/cli → ../renderer
  const candidates = [path.resolve(here, '../../../dist/renderer'), path.resolve(here, '../renderer')];
  return candidates[0] && here.includes(`${path.sep}electron${path.sep}cli`) ? candidates[0] : (candidates[1] ?? '');
}

function openInBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  spawn(cmd, [url], { detached: true, stdio: 'ignore' }).on('error', () => {
    process.stderr.write(`Could not open a browser; open ${url} yourself.\n`);
  });
}
