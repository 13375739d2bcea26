import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

/**
 * Debian's docker-registry (distribution 2.8) for tests: started on a free 127.0.0.1 port, storage and
 * config in a folder of the test's, deletes enabled, and stopped by the test. Auth is none, htpasswd
 * (Basic) or token (Bearer, against a token server the test runs).
 */
export type TestRegistryAuth =
  | { readonly kind: 'none' }
  | { readonly kind: 'htpasswd'; readonly users: Readonly<Record<string, string>> }
  | { readonly kind: 'token'; readonly realm: string; readonly service: string; readonly issuer: string; readonly rootCertBundle: string };

export interface TestRegistry {
  /** `127.0.0.1:PORT` */
  readonly host: string;
  readonly baseUrl: string;
  readonly dir: string;
  /** Stops the process (idempotent). */
  stop(): Promise<void>;
}

export interface TestRegistryOptions {
  readonly dir: string;
  readonly auth: TestRegistryAuth;
  readonly deleteEnabled?: boolean;
  /** Serve https with this certificate and key (PEM file paths). */
  readonly tls?: { readonly certificate: string; readonly key: string };
}

/** True when the registry binary and the tools the tests use (htpasswd, openssl) are installed. */
export async function registryToolsInstalled(): Promise<boolean> {
  const runs = (command: string, args: string[]): boolean => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
  return runs('docker-registry', ['--version']) && runs('htpasswd', ['-Bbn', 'probe', 'probe']) && runs('openssl', ['version']);
}

export async function startTestRegistry(options: TestRegistryOptions): Promise<TestRegistry> {
  fs.mkdirSync(options.dir, { recursive: true });
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config = {
    version: '0.1',
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: {
      filesystem: { rootdirectory: path.join(options.dir, 'data') },
      delete: { enabled: options.deleteEnabled ?? true },
      maintenance: { uploadpurging: { enabled: false } }
    },
    http: {
      addr: host,
      secret: randomBytes(16).toString('hex'),
      ...(options.tls !== undefined ? { tls: { certificate: options.tls.certificate, key: options.tls.key } } : {})
    },
    ...authConfig(options)
  };
  const configPath = path.join(options.dir, 'config.yml');
  // JSON is YAML: the registry reads it as its config file.
  fs.writeFileSync(configPath, JSON.stringify(config, null, 2));
  const logPath = path.join(options.dir, 'registry.log');
  const log = fs.openSync(logPath, 'a');
  const child = spawn('docker-registry', ['serve', configPath], { stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitUntilAnswering(host, child, logPath, options.tls !== undefined);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    host,
    baseUrl: `${options.tls !== undefined ? 'https' : 'http'}://${host}`,
    dir: options.dir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
    }
  };
}

function authConfig(options: TestRegistryOptions): Record<string, unknown> {
  const auth = options.auth;
  switch (auth.kind) {
    case 'none':
      return {};
    case 'htpasswd': {
      const file = path.join(options.dir, 'htpasswd');
      const lines = Object.entries(auth.users).map(([user, password]) => {
        const made = spawnSync('htpasswd', ['-Bbn', user, password], { encoding: 'utf8' });
        if (made.status !== 0) throw new Error(`htpasswd failed: ${made.stderr}`);
        return made.stdout.trim();
      });
      fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
      return { auth: { htpasswd: { realm: 'shipdeck-test', path: file } } };
    }
    case 'token':
      return {
        auth: { token: { realm: auth.realm, service: auth.service, issuer: auth.issuer, rootcertbundle: auth.rootCertBundle } }
      };
  }
}

/** A self-signed certificate for 127.0.0.1 (its own CA), made with openssl in `dir`. */
export function makeLoopbackCertificate(dir: string): { certificate: string; key: string } {
  fs.mkdirSync(dir, { recursive: true });
  const certificate = path.join(dir, 'registry.crt');
  const key = path.join(dir, 'registry.key');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certificate, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    { encoding: 'utf8' }
  );
  if (made.status !== 0) throw new Error(`openssl could not make the registry certificate: ${made.stderr}`);
  return { certificate, key };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilAnswering(host: string, child: ChildProcess, logPath: string, tls: boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited (${child.exitCode}): ${fs.readFileSync(logPath, 'utf8').slice(-2000)}`);
    if (await (tls ? listening(host) : answers(`http://${host}/v2/`))) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not answer on ${host} within 15 s: ${fs.readFileSync(logPath, 'utf8').slice(-2000)}`);
}

/** For a TLS registry whose certificate the test does not trust yet: the port accepts connections. */
function listening(host: string): Promise<boolean> {
  const [address, port] = host.split(':');
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), address ?? '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1_000, () => {
      req.destroy();
      resolve(false);
    });
  });
}
