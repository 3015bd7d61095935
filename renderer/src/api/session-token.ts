/**
 * The browser host hands out a per-launch session token in the URL fragment (`#token=…`, never sent to
 * the server in HTTP requests). We move it into sessionStorage, so a reload keeps working and the token
 * does not linger in the address bar, history or screenshots.
 */
export const TOKEN_STORAGE_KEY = 'routewise.sessionToken';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,256}$/;

export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState' | 'state'>;
}

export function takeSessionToken(env: TokenEnvironment): string | null {
  const fromHash = tokenFromHash(env.location.hash);
  if (fromHash !== undefined) {
    const rest = new URLSearchParams(env.location.hash.replace(/^#/, ''));
    rest.delete('token');
    const remaining = rest.toString();
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${remaining ? `#${remaining}` : ''}`);
    if (fromHash !== null) {
      env.storage.setItem(TOKEN_STORAGE_KEY, fromHash);
      return fromHash;
    }
  }
  const stored = env.storage.getItem(TOKEN_STORAGE_KEY);
  return stored !== null && TOKEN_PATTERN.test(stored) ? stored : null;
}

/** undefined: no token parameter at all; null: a parameter that is not a plausible token. */
function tokenFromHash(hash: string): string | null | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  if (!params.has('token')) return undefined;
  const token = params.get('token') ?? '';
  return TOKEN_PATTERN.test(token) ? token : null;
}
