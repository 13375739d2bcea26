import { describe, expect, it } from 'vitest';
import { parseWwwAuthenticate } from './www-authenticate';

describe('parseWwwAuthenticate', () => {
  it('reads a distribution Bearer challenge, keeping commas inside quoted scopes', () => {
    expect(
      parseWwwAuthenticate('Bearer realm="http://127.0.0.1:5001/token",service="registry",scope="repository:shop/api:pull,delete"')
    ).toEqual({
      scheme: 'bearer',
      params: { realm: 'http://127.0.0.1:5001/token', service: 'registry', scope: 'repository:shop/api:pull,delete' }
    });
  });

  it('reads Basic, unquoted values, odd spacing, case and escapes', () => {
    expect(parseWwwAuthenticate('basic realm="shipdeck \\"test\\""')).toEqual({ scheme: 'basic', params: { realm: 'shipdeck "test"' } });
    expect(parseWwwAuthenticate('BEARER  Realm = https://auth.example/token , error=insufficient_scope')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example/token', error: 'insufficient_scope' }
    });
  });

  it('skips schemes it does not speak and finds the next one', () => {
    expect(parseWwwAuthenticate('Negotiate, Basic realm="r"')).toEqual({ scheme: 'basic', params: { realm: 'r' } });
    expect(parseWwwAuthenticate('Digest realm="x", nonce="y", Bearer realm="z"')).toEqual({ scheme: 'bearer', params: { realm: 'z' } });
  });

  it('returns null for nothing usable', () => {
    expect(parseWwwAuthenticate(undefined)).toBeNull();
    expect(parseWwwAuthenticate('')).toBeNull();
    expect(parseWwwAuthenticate('Negotiate')).toBeNull();
  });
});
