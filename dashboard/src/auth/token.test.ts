import { describe, expect, it } from 'vitest';
import { TOKEN_KEY, clearToken, readClaims, saveToken, takeToken } from './token';

function environment(hash: string, saved: string | null = null) {
  const store = new Map<string, string>(saved ? [[TOKEN_KEY, saved]] : []);
  const replaced: string[] = [];
  return {
    replaced,
    store,
    env: {
      location: { hash, pathname: '/posts', search: '?status=DRAFT' },
      history: { state: null, replaceState: (_state: unknown, _title: string, url?: string | URL | null) => void replaced.push(String(url)) },
      storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) },
    },
  };
}

describe('takeToken', () => {
  it('takes the token from the fragment, keeps it in session storage and removes it from the address bar', () => {
    const { env, replaced, store } = environment('#token=abc.def.ghi');
    expect(takeToken(env)).toBe('abc.def.ghi');
    expect(store.get(TOKEN_KEY)).toBe('abc.def.ghi');
    expect(replaced).toEqual(['/posts?status=DRAFT']);
  });

  it('keeps the other fragment parameters', () => {
    const { env, replaced } = environment('#token=t1&tab=2');
    expect(takeToken(env)).toBe('t1');
    expect(replaced).toEqual(['/posts?status=DRAFT#tab=2']);
  });

  it('falls back to the saved token, or none, without touching the address bar', () => {
    const saved = environment('', 'saved');
    expect(takeToken(saved.env)).toBe('saved');
    expect(saved.replaced).toEqual([]);
    expect(takeToken(environment('#other=1').env)).toBeNull();
  });
});

describe('saveToken and clearToken', () => {
  it('saves a pasted token without spaces or a Bearer prefix, and refuses an empty paste', () => {
    const { env, store } = environment('');
    expect(saveToken(env.storage, '  Bearer xyz  ')).toBe('xyz');
    expect(store.get(TOKEN_KEY)).toBe('xyz');
    expect(saveToken(env.storage, '   ')).toBeNull();
    clearToken(env.storage);
    expect(store.has(TOKEN_KEY)).toBe(false);
  });
});

describe('readClaims', () => {
  const jwt = (payload: object) => `h.${btoa(JSON.stringify(payload)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.s`;

  it('reads sub, scopes (a string or a list) and expiry', () => {
    expect(readClaims(jwt({ sub: 'alice', scope: 'content:write admin', exp: 10 }))).toEqual({ sub: 'alice', scopes: ['content:write', 'admin'], expiresAt: 10_000 });
    expect(readClaims(jwt({ sub: 'bob', scope: ['a', 'b'] })).scopes).toEqual(['a', 'b']);
  });

  it('gives empty claims for what is not a JWT', () => {
    expect(readClaims('not-a-token')).toEqual({ sub: null, scopes: [], expiresAt: null });
  });
});
