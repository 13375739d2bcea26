import { describe, expect, it } from 'vitest';
import { splitImageRepository } from './registry';

describe('splitImageRepository', () => {
  it('splits a registry host from the repository the way Docker does', () => {
    expect(splitImageRepository('127.0.0.1:5000/shop/api')).toEqual({ host: '127.0.0.1:5000', repository: 'shop/api' });
    expect(splitImageRepository('ghcr.io/acme/web')).toEqual({ host: 'ghcr.io', repository: 'acme/web' });
    expect(splitImageRepository('localhost/api')).toEqual({ host: 'localhost', repository: 'api' });
    expect(splitImageRepository('acme/web')).toEqual({ host: 'docker.io', repository: 'acme/web' });
    expect(splitImageRepository('busybox')).toEqual({ host: 'docker.io', repository: 'library/busybox' });
  });

  it('refuses tags, digests, upper case and empty input', () => {
    for (const reference of ['', '127.0.0.1:5000/shop/api:v1', 'shop/api@sha256:abc', '127.0.0.1:5000/Shop/api', 'a b']) {
      expect(splitImageRepository(reference)).toBeNull();
    }
  });
});
