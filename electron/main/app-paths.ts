import path from 'node:path';

/** Where the build (scripts/build.mjs) puts each piece, relative to the app's root (the folder or app.asar). */
export function appPaths(appRoot: string) {
  const dist = path.join(appRoot, 'dist');
  return {
    rendererDir: path.join(dist, 'renderer'),
    preload: path.join(dist, 'electron', 'preload', 'preload.cjs'),
    utilityEntry: path.join(dist, 'electron', 'engine', 'utility-entry.mjs'),
  };
}
export type AppPaths = ReturnType<typeof appPaths>;
