import { spawnSync } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

/**
 * A token server for the registry's `auth.token` mode, in the shape of the distribution token spec:
 * `GET /token?service=…&scope=…` with Basic credentials (or none) answers `{"token","expires_in"}`, a JWT
 * signed RS256 with a key whose self-signed certificate is the registry's `rootcertbundle`, carried in
 * the `x5c` header (distribution 2.8 verifies the chain from there). Valid users get the actions they
 * ask for (read-only users only `pull`); anonymous callers get a token granting nothing; wrong
 * credentials get 401. Every token it issues is kept, so tests can look for them where they must not be.
 */
export interface TestTokenServer {
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  readonly rootCertBundle: string;
  /** Every token issued, in order. */
  readonly issued: readonly string[];
  /** How many token requests were answered with a token. */
  readonly requests: number;
  /** A token for `access` without going through HTTP (e.g. to push test images). */
  mint(subject: string, access: readonly TokenAccess[]): string;
  stop(): Promise<void>;
}

export interface TokenAccess {
  readonly type: string;
  readonly name: string;
  readonly actions: readonly string[];
}

export interface TestTokenServerOptions {
  readonly dir: string;
  readonly users: Readonly<Record<string, string>>;
  readonly readOnlyUsers?: readonly string[];
  readonly expiresInSeconds?: number;
}

export async function startTestTokenServer(options: TestTokenServerOptions): Promise<TestTokenServer> {
  fs.mkdirSync(options.dir, { recursive: true });
  const keyPath = path.join(options.dir, 'token-signing.key');
  const certPath = path.join(options.dir, 'token-signing.crt');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=shipdeck-test-token-issuer'],
    { encoding: 'utf8' }
  );
  if (made.status !== 0) throw new Error(`openssl could not make the signing certificate: ${made.stderr}`);
  const key = fs.readFileSync(keyPath, 'utf8');
  const certDerBase64 = fs.readFileSync(certPath, 'utf8').replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  const service = 'shipdeck-test-registry';
  const issuer = 'shipdeck-test-issuer';
  const expiresIn = options.expiresInSeconds ?? 300;
  const issued: string[] = [];
  let requests = 0;

  const mint = (subject: string, access: readonly TokenAccess[]): string => {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [certDerBase64] };
    const claims = { iss: issuer, sub: subject, aud: service, exp: now + expiresIn, nbf: now - 5, iat: now, jti: randomUUID(), access };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = createSign('RSA-SHA256').update(signingInput).sign(key);
    const token = `${signingInput}.${base64url(signature)}`;
    issued.push(token);
    return token;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname !== '/token') return reply(404, { error: 'not found' });
    if (url.searchParams.get('service') !== service) return reply(400, { error: 'unknown service' });
    const user = basicUser(req.headers.authorization, options.users);
    if (user === 'refused') return reply(401, { error: 'invalid credentials' });
    const access = url.searchParams.getAll('scope').flatMap((scope) => grant(scope, user, options.readOnlyUsers ?? []));
    requests += 1;
    reply(200, { token: mint(user ?? '', access), expires_in: expiresIn, issued_at: new Date().toISOString() });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    rootCertBundle: certPath,
    issued,
    get requests() {
      return requests;
    },
    mint,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve()))
  };
}

/** The user name for valid credentials, null for none, 'refused' for wrong ones. */
function basicUser(header: string | undefined, users: Readonly<Record<string, string>>): string | null | 'refused' {
  if (header === undefined) return null;
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (match === null) return 'refused';
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  return colon > 0 && users[user] === decoded.slice(colon + 1) ? user : 'refused';
}

/** `repository:shop/api:pull,delete` → the access granted to `user`. */
function grant(scope: string, user: string | null, readOnlyUsers: readonly string[]): TokenAccess[] {
  const [type, ...rest] = scope.split(':');
  const actions = (rest.pop() ?? '').split(',').filter((action) => action !== '');
  const name = rest.join(':');
  if (user === null || type === undefined || name === '') return [];
  const allowed = readOnlyUsers.includes(user) ? actions.filter((action) => action === 'pull') : actions;
  return allowed.length === 0 ? [] : [{ type, name, actions: allowed }];
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}
