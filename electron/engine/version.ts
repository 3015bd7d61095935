import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The package version, read once (works from source under tsx and from the bundled dist). */
export const ENGINE_VERSION: string = (() => {
  for (const candidate of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = require(candidate) as { name?: string; version?: string };
      if (pkg.name === 'routewise' && pkg.version) return pkg.version;
    } catch {
      // try the next layout
    }
  }
  return '0.0.0';
})();
