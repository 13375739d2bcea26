import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/**
 * Puts a tiny image into a registry through the distribution API itself — blob uploads (POST then PUT
 * with the digest) and a manifest PUT — so registry tests need no Docker engine. The layer is a gzip of a
 * few random bytes (a registry never looks inside layers), so each call makes a different image.
 */
export interface PushedImage {
  /** `sha256:…` of the exact manifest bytes sent. */
  readonly digest: string;
  readonly manifest: Buffer;
  readonly mediaType: string;
}

export const DOCKER_MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

export interface PushTarget {
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  readonly repository: string;
  /** A whole `Authorization` header value (Basic or Bearer with push and pull), when the registry needs one. */
  readonly authorization?: string;
}

export async function pushTestImage(target: PushTarget, tag: string, format: 'docker' | 'oci' = 'docker'): Promise<PushedImage> {
  const layerContent = Buffer.concat([Buffer.from('shipdeck test layer '), randomBytes(16)]);
  const layer = gzipSync(layerContent);
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: {},
      rootfs: { type: 'layers', diff_ids: [sha256(layerContent)] }
    })
  );
  await uploadBlob(target, layer);
  await uploadBlob(target, config);
  const oci = format === 'oci';
  const mediaType = oci ? OCI_MANIFEST : DOCKER_MANIFEST_V2;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      config: { mediaType: oci ? 'application/vnd.oci.image.config.v1+json' : 'application/vnd.docker.container.image.v1+json', size: config.length, digest: sha256(config) },
      layers: [{ mediaType: oci ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.docker.image.rootfs.diff.tar.gzip', size: layer.length, digest: sha256(layer) }]
    })
  );
  return putManifest(target, tag, manifest, mediaType);
}

/** A manifest list (Docker) or image index (OCI) over images already in the repository. */
export async function pushTestIndex(target: PushTarget, tag: string, images: readonly PushedImage[], format: 'docker' | 'oci' = 'docker'): Promise<PushedImage> {
  const mediaType = format === 'oci' ? OCI_INDEX : DOCKER_MANIFEST_LIST;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType,
      manifests: images.map((image, index) => ({
        mediaType: image.mediaType,
        size: image.manifest.length,
        digest: image.digest,
        platform: { architecture: index === 0 ? 'amd64' : 'arm64', os: 'linux' }
      }))
    })
  );
  return putManifest(target, tag, manifest, mediaType);
}

export function sha256(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

async function putManifest(target: PushTarget, tag: string, manifest: Buffer, mediaType: string): Promise<PushedImage> {
  const response = await fetch(`${target.baseUrl}/v2/${target.repository}/manifests/${tag}`, {
    method: 'PUT',
    headers: { ...authHeader(target), 'Content-Type': mediaType },
    body: manifest
  });
  if (response.status !== 201) throw new Error(`manifest PUT answered ${response.status}: ${await response.text()}`);
  const digest = sha256(manifest);
  const answered = response.headers.get('docker-content-digest');
  if (answered !== digest) throw new Error(`the registry names the manifest ${answered ?? 'nothing'}, not ${digest}`);
  return { digest, manifest, mediaType };
}

async function uploadBlob(target: PushTarget, blob: Buffer): Promise<void> {
  const start = await fetch(`${target.baseUrl}/v2/${target.repository}/blobs/uploads/`, { method: 'POST', headers: authHeader(target) });
  if (start.status !== 202) throw new Error(`blob upload start answered ${start.status}: ${await start.text()}`);
  const location = new URL(start.headers.get('location') ?? '', target.baseUrl);
  location.searchParams.set('digest', sha256(blob));
  const put = await fetch(location, {
    method: 'PUT',
    headers: { ...authHeader(target), 'Content-Type': 'application/octet-stream' },
    body: blob
  });
  if (put.status !== 201) throw new Error(`blob upload answered ${put.status}: ${await put.text()}`);
}

function authHeader(target: PushTarget): Record<string, string> {
  return target.authorization === undefined ? {} : { Authorization: target.authorization };
}
