import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, takeSessionToken, type TokenEnvironment } from '../../../renderer/src/api/session-token';

function env(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>(stored === null ? [] : [[TOKEN_STORAGE_KEY, stored]]);
  const urls: string[] = [];
  const e: TokenEnvironment = {
    location: { hash, pathname: '/', search: '' },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    history: { state: null, replaceState: (_s, _t, url) => void urls.push(String(url)) },
  };
  return { e, storage, urls };
}

const TOKEN = 'jWGkUiAgwSn57z5b3ZfOq59y4JnL7F2I';

describe('takeSessionToken', () => {
  it('moves the token from the fragment into sessionStorage and out of the address bar', () => {
    const { e, storage, urls } = env(`#token=${TOKEN}`);
    expect(takeSessionToken(e)).toBe(TOKEN);
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe(TOKEN);
    expect(urls).toEqual(['/']);
  });

  it('keeps other fragment parameters', () => {
    const { e, urls } = env(`#view=map&token=${TOKEN}`);
    expect(takeSessionToken(e)).toBe(TOKEN);
    expect(urls).toEqual(['/#view=map']);
  });

  it('falls back to the stored token after a reload', () => {
    const { e, urls } = env('', TOKEN);
    expect(takeSessionToken(e)).toBe(TOKEN);
    expect(urls).toEqual([]);
  });

  it('returns null with no token anywhere, and ignores junk that is not a token', () => {
    expect(takeSessionToken(env('').e)).toBeNull();
    const junk = env('#token=%3Cscript%3E');
    expect(takeSessionToken(junk.e)).toBeNull();
    expect(junk.storage.size).toBe(0);
    expect(junk.urls).toEqual(['/']);
  });
});
