/**
 * Every manifest kind Shipdeck accepts. All four go in one Accept header: a registry that is not told a
 * kind is acceptable may convert the manifest (distribution turns schema 2 into schema 1 for old clients),
 * and the digest of a converted manifest is not the digest that was pushed.
 */
export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json'
] as const;

export const MANIFEST_ACCEPT = MANIFEST_MEDIA_TYPES.join(', ');
