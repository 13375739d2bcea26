import { describe, expect, it } from 'vitest';
import { artifactReferences, splitReference, versionTag } from './image-tags';

const SHA = '0123456789abcdef0123456789abcdef01234567';

describe('artifactReferences', () => {
  it('tags by full SHA, short SHA and version', () => {
    expect(artifactReferences('127.0.0.1:5000/shop/api', SHA, 'v1.4.0')).toEqual([
      `127.0.0.1:5000/shop/api:${SHA}`,
      '127.0.0.1:5000/shop/api:0123456',
      '127.0.0.1:5000/shop/api:1.4.0'
    ]);
  });

  it('leaves the version out when the commit has none', () => {
    expect(artifactReferences('shop/api', SHA)).toEqual([`shop/api:${SHA}`, 'shop/api:0123456']);
  });

  it('refuses an abbreviated SHA and a repository Docker would refuse', () => {
    expect(() => artifactReferences('shop/api', '0123456')).toThrow(/not a full commit SHA/);
    expect(() => artifactReferences('Shop/API', SHA)).toThrow(/not an image repository name/);
  });
});

describe('versionTag', () => {
  it('drops the leading v and turns build metadata into a valid tag', () => {
    expect(versionTag('v2.0.0-rc.1+build.7')).toBe('2.0.0-rc.1_build.7');
    expect(() => versionTag('1.0 beta')).toThrow(/cannot be an image tag/);
  });
});

describe('splitReference', () => {
  it('finds the tag after a registry port', () => {
    expect(splitReference('127.0.0.1:5000/shop/api:abc')).toEqual({ repository: '127.0.0.1:5000/shop/api', tag: 'abc' });
    expect(splitReference('127.0.0.1:5000/shop/api')).toEqual({ repository: '127.0.0.1:5000/shop/api', tag: 'latest' });
  });
});
