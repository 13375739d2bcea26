// Local test images of a tiny versioned HTTP service, for deploy tests and the benchmark: busybox httpd
// on 0.0.0.0:$PORT serving `/` and `/version` (the version, as text) and `/healthz` (200). Variants fail
// on purpose: one never answers its health path, one exits at once, one gets healthy only after a delay.
// Built `FROM busybox:1.36` (made locally by ensureBaseImage; nothing is pulled) with the legacy builder;
// a rebuild of the same content is a cache hit, so building in every test costs little.
import fs from 'node:fs';
import path from 'node:path';
import { versionTag } from '../adapters/docker/image-tags';
import { BASE_IMAGE } from './docker-fixtures';
import { buildTestImage, removeTestImage } from './build-test-image';

export const VERSION_SERVER_REPOSITORY = 'shipdeck-test/version-server';
export const VERSION_SERVER_HEALTH_PATH = '/healthz';

export interface VersionServerOptions {
  /** false: `/healthz` answers 404 (and every request is logged), so a health wait fails. Default true. */
  readonly healthy?: boolean;
  /** The server never starts: the container prints a line and exits with code 3. */
  readonly exits?: boolean;
  /** `/healthz` answers 404 for this long after start, then 200 (`/` and `/version` answer at once). */
  readonly healthyAfterMs?: number;
  /** Give each test file its own (e.g. with the pid), so removing its images cannot touch another's. */
  readonly repository?: string;
}

export interface VersionServerImage {
  /** `sha256:…` */
  readonly imageId: string;
  /** `<repository>:<version>[-variant]` */
  readonly reference: string;
}

function variantSuffix(options: VersionServerOptions): string {
  if (options.exits === true) return '-exits';
  if (options.healthy === false) return '-unhealthy';
  if (options.healthyAfterMs !== undefined) return `-slow${Math.round(options.healthyAfterMs)}`;
  return '';
}

function startCommand(version: string, options: VersionServerOptions): string {
  const banner = `echo "version-server ${version} listening on 0.0.0.0:\${PORT:-8080}"`;
  if (options.exits === true) return `echo "version-server ${version} exits on purpose (test image)" >&2; exit 3`;
  if (options.healthy === false) {
    // -v logs each request (with its status) to stderr: the failure's log lines show the 404s.
    return `${banner}; echo "health path ${VERSION_SERVER_HEALTH_PATH} is not served (test image)" >&2; exec httpd -f -v -p "0.0.0.0:\${PORT:-8080}" -h /www`;
  }
  if (options.healthyAfterMs !== undefined) {
    const seconds = (Math.max(0, options.healthyAfterMs) / 1000).toFixed(3);
    return `rm -f /www/healthz; (sleep ${seconds}; echo ok > /www/healthz; echo "healthy now") & ${banner}; exec httpd -f -p "0.0.0.0:\${PORT:-8080}" -h /www`;
  }
  return `${banner}; exec httpd -f -p "0.0.0.0:\${PORT:-8080}" -h /www`;
}

function writeContext(dir: string, version: string, options: VersionServerOptions): void {
  const www = path.join(dir, 'www');
  fs.mkdirSync(www, { recursive: true });
  fs.writeFileSync(path.join(www, 'index.html'), version);
  fs.writeFileSync(path.join(www, 'version'), version);
  if (options.healthy !== false) fs.writeFileSync(path.join(www, 'healthz'), 'ok\n');
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    [`FROM ${BASE_IMAGE}`, 'COPY www /www', `ENV VERSION=${JSON.stringify(version)}`, 'EXPOSE 8080', `CMD ${JSON.stringify(['sh', '-c', startCommand(version, options)])}`, ''].join('\n')
  );
}

/** Builds (or finds in the build cache) the image of `version`; the reference names only that image. */
export async function buildVersionServerImage(version: string, options: VersionServerOptions = {}): Promise<VersionServerImage> {
  const repository = options.repository ?? VERSION_SERVER_REPOSITORY;
  return buildTestImage(repository, versionTag(`${version}${variantSuffix(options)}`), (dir) => writeContext(dir, version, options));
}

/** Removes the tag (and the image, when nothing else names it); already gone is fine. */
export const removeVersionServerImage = removeTestImage;
