import { describe, expect, it } from 'vitest';
import { nextPageUrl } from './link-header';

describe('nextPageUrl', () => {
  const asked = new URL('http://127.0.0.1:5000/v2/shop/api/tags/list?n=2');

  it('resolves a relative next link against the request', () => {
    expect(nextPageUrl('</v2/shop/api/tags/list?last=b&n=2>; rel="next"', asked)?.href).toBe('http://127.0.0.1:5000/v2/shop/api/tags/list?last=b&n=2');
  });

  it('picks rel=next among several links, quoted or not', () => {
    expect(nextPageUrl('</a>; rel="prev", </b?last=x>; rel=next', asked)?.pathname).toBe('/b');
    expect(nextPageUrl('</a>; rel="prev first"', asked)).toBeNull();
  });

  it('never leaves the registry', () => {
    expect(nextPageUrl('<http://192.0.2.1/v2/x/tags/list?last=a>; rel="next"', asked)).toBeNull();
    expect(nextPageUrl('<https://127.0.0.1:5000/v2/x>; rel="next"', asked)).toBeNull();
  });

  it('returns null without a header', () => {
    expect(nextPageUrl(undefined, asked)).toBeNull();
    expect(nextPageUrl('garbage', asked)).toBeNull();
  });
});
