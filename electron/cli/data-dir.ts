import os from 'node:os';
import path from 'node:path';

/** Same folder Electron's app.getPath('userData') gives for productName "Routewise", so CLI and app share a store. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ROUTEWISE_DATA_DIR) return path.resolve(env.ROUTEWISE_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Routewise');
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Routewise');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Routewise');
}
