// What tests on the real Docker engine need: the probe for requireComponent, the `busybox:1.36` base
// image made locally (nothing can be pulled here), a tiny demo-like build context, and a throwaway
// docker-registry on a free 127.0.0.1 port.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createDockerContainersPort } from '../adapters/docker/docker-adapter';
import { importRootfsImage } from '../adapters/docker/import-image';
import { writeTar, type TarEntry } from './tar-writer';

export const BASE_IMAGE = 'busybox:1.36';
const BUSYBOX = '/bin/busybox';

/** True when a Docker engine answers (for requireComponent('docker', …)). */
export async function dockerAnswers(): Promise<boolean> {
  try {
    await createDockerContainersPort().ping();
    return true;
  } catch {
    return false;
  }
}

/** A root filesystem of busybox-static with a link per applet in /bin, as a tar. */
export function busyboxRootfs(busyboxPath = BUSYBOX): Buffer {
  const applets = execFileSync(busyboxPath, ['--list'], { encoding: 'utf8' })
    .split('\n')
    .map((name) => name.trim())
    .filter((name) => /^[a-z0-9][a-z0-9_.-]*$/i.test(name) && name !== 'busybox');
  const entries: TarEntry[] = [
    { type: 'directory', name: 'bin' },
    { type: 'directory', name: 'etc' },
    { type: 'directory', name: 'root', mode: 0o700 },
    { type: 'directory', name: 'tmp', mode: 0o1777 },
    { type: 'directory', name: 'usr' },
    { type: 'directory', name: 'usr/bin' },
    { type: 'directory', name: 'var' },
    { type: 'directory', name: 'var/www' },
    { type: 'file', name: 'bin/busybox', content: fs.readFileSync(busyboxPath), mode: 0o755 },
    { type: 'file', name: 'etc/passwd', content: Buffer.from('root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n') },
    { type: 'file', name: 'etc/group', content: Buffer.from('root:x:0:\nnogroup:x:65534:\n') },
    ...applets.map((name): TarEntry => ({ type: 'symlink', name: `bin/${name}`, target: 'busybox' })),
    // Scripts start with #!/usr/bin/env.
    { type: 'symlink', name: 'usr/bin/env', target: '/bin/busybox' }
  ];
  return writeTar(entries);
}

/**
 * Makes `busybox:1.36` from busybox-static unless the engine already has it — the name a user's machine
 * would pull, so `FROM busybox:1.36` builds the same here and there. Idempotent.
 */
export async function ensureBaseImage(reference = BASE_IMAGE): Promise<void> {
  const containers = createDockerContainersPort();
  if ((await containers.inspectImage(reference)) !== null) return;
  await importRootfsImage(busyboxRootfs(), reference, { changes: ['CMD ["sh"]', 'ENV PATH=/bin:/usr/bin'] });
}

export interface DemoContextOptions {
  /** Replaces the default last instruction (e.g. `RUN false` to make a failing build). */
  readonly extraInstructions?: readonly string[];
  readonly version?: string;
}

/**
 * A tiny demo-like service: a Dockerfile `FROM busybox:1.36`, a page to serve, and a CMD serving it with
 * `httpd -f -p 127.0.0.1:$PORT`. `ignored.log` is in .dockerignore: a build must not see it.
 */
export function makeDemoContext(dir: string, options: DemoContextOptions = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), `<h1>demo ${options.version ?? 'dev'}</h1>\n`);
  fs.writeFileSync(path.join(dir, 'ignored.log'), 'must not reach the image\n');
  fs.writeFileSync(path.join(dir, '.dockerignore'), '*.log\n');
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    [
      `FROM ${BASE_IMAGE}`,
      'COPY . /var/www/',
      'RUN test ! -e /var/www/ignored.log && echo "context ok"',
      ...(options.extraInstructions ?? []),
      'ENV PORT=8080',
      'CMD ["sh", "-c", "httpd -f -p 127.0.0.1:$PORT -h /var/www"]',
      ''
    ].join('\n')
  );
  return dir;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface TestRegistry {
  /** `127.0.0.1:PORT` */
  readonly host: string;
  readonly url: string;
  /** Stops it (SIGTERM, then SIGKILL) and deletes its storage. */
  stop(): Promise<void>;
  /** Stops the process but keeps the storage (to cut off a push). */
  kill(): Promise<void>;
}

export function registryInstalled(): boolean {
  try {
    execFileSync('docker-registry', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface TestRegistryOptions {
  /** Require these credentials (htpasswd, bcrypt) on every request. */
  readonly basicAuth?: { readonly username: string; readonly password: string };
}

/** Starts Debian's docker-registry (distribution 2.8) on a free 127.0.0.1 port with storage in a temp folder. */
export async function startTestRegistry(options: TestRegistryOptions = {}): Promise<TestRegistry> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipdeck-registry-'));
  const port = await freePort();
  const config = path.join(dir, 'config.yml');
  const auth: string[] = [];
  if (options.basicAuth !== undefined) {
    const htpasswd = path.join(dir, 'htpasswd');
    const line = execFileSync('htpasswd', ['-Bbn', options.basicAuth.username, options.basicAuth.password], { encoding: 'utf8' });
    fs.writeFileSync(htpasswd, line.trim() + '\n');
    auth.push('auth:', `  htpasswd: { realm: shipdeck-test, path: ${htpasswd} }`);
  }
  fs.writeFileSync(
    config,
    [
      'version: 0.1',
      'log: { level: error }',
      'storage:',
      `  filesystem: { rootdirectory: ${path.join(dir, 'data')} }`,
      '  delete: { enabled: true }',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      ...auth,
      ''
    ].join('\n')
  );
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/v2/`);
      if (response.status === 200 || response.status === 401) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      await stopProcess(child);
      throw new Error(`docker-registry did not start on ${url}: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    host: `127.0.0.1:${port}`,
    url,
    kill: () => stopProcess(child),
    stop: async () => {
      await stopProcess(child);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** The registry's own answer: `Docker-Content-Digest` of HEAD /v2/<name>/manifests/<tag> (schema 2). */
export async function registryManifestDigest(
  registry: TestRegistry,
  name: string,
  tag: string,
  basicAuth?: { readonly username: string; readonly password: string }
): Promise<string | null> {
  const headers: Record<string, string> = { Accept: 'application/vnd.docker.distribution.manifest.v2+json' };
  if (basicAuth !== undefined) headers.Authorization = `Basic ${Buffer.from(`${basicAuth.username}:${basicAuth.password}`).toString('base64')}`;
  const response = await fetch(`${registry.url}/v2/${name}/manifests/${tag}`, { method: 'HEAD', headers });
  return response.ok ? response.headers.get('docker-content-digest') : null;
}
