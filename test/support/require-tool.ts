import { execFileSync } from 'node:child_process';

/**
 * Integration tiers that need a Debian package skip with a printed reason when it is missing, except in
 * CI (ROUTEWISE_REQUIRE_ALL=1), where a missing tool is a failure: nothing may skip there.
 */
export function requireTool(name: string, why = `${name} is not installed`): boolean {
  if (hasTool(name)) return true;
  return skipOrFail(`${why} (apt-get install the package that provides ${name})`);
}

export function skipOrFail(reason: string): false {
  if (process.env.ROUTEWISE_REQUIRE_ALL === '1') {
    throw new Error(`ROUTEWISE_REQUIRE_ALL=1 and a test tier cannot run: ${reason}`);
  }
  console.warn(`skipped: ${reason}`);
  return false;
}

export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${JSON.stringify(name)}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
