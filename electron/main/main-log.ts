import fs from 'node:fs';
import path from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type MainLog = (level: LogLevel, message: string) => void;

/** Main's log: stderr plus `<dataDir>/logs/main.log`. Engine output is forwarded here line by line. */
export function createMainLog(dataDir: string): MainLog {
  const dir = path.join(dataDir, 'logs');
  let file: string | null = path.join(dir, 'main.log');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch {
    file = null;
  }
  return (level, message) => {
    // Control characters would let a hostile string forge log lines; keep tab only.
    const line = `${new Date().toISOString()} ${level.padEnd(5)} ${message.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, ' ').slice(0, 4000)}\n`;
    process.stderr.write(line);
    if (file) {
      try {
        fs.appendFileSync(file, line, { mode: 0o600 });
      } catch {
        file = null;
      }
    }
  };
}
