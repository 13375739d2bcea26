import { describe, expect, it } from 'vitest';
import { TokenCache } from './token-cache';

describe('TokenCache', () => {
  it('keeps a token per scope until shortly before it expires', () => {
    let now = 1_000_000;
    const cache = new TokenCache(() => now);
    cache.set('repository:a:pull', 'token-a', 300);
    cache.set('repository:b:pull', 'token-b', 60);
    expect(cache.get('repository:a:pull')).toBe('token-a');
    expect(cache.get('repository:c:pull')).toBeNull();
    now += 53_000; // 60 s token, dropped 6 s early
    expect(cache.get('repository:b:pull')).toBe('token-b');
    now += 1_000;
    expect(cache.get('repository:b:pull')).toBeNull();
    now = 1_000_000 + 269_000; // 300 s token, dropped 30 s early (capped)
    expect(cache.get('repository:a:pull')).toBe('token-a');
    now += 2_000;
    expect(cache.get('repository:a:pull')).toBeNull();
  });

  it('forgets a token on request (the registry refused it)', () => {
    const cache = new TokenCache(() => 0);
    cache.set('', 't', 60);
    cache.forget('');
    expect(cache.get('')).toBeNull();
  });
});
