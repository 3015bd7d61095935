/**
 * Reads until `done` holds or the deadline passes, then fails naming what was awaited and the last value read.
 * For conditions that real daemons reach in their own time; never a fixed sleep.
 */
export async function pollUntil<T>(what: string, read: () => T | Promise<T>, done: (v: T) => boolean, deadlineMs = 20_000, intervalMs = 100): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    if (Date.now() > end) throw new Error(`${what}: not reached in ${deadlineMs} ms (last: ${describe(v)})`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

function describe(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v) ?? String(v);
  return text.slice(0, 400);
}
