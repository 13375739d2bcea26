/** The kubeconfig the emulator writes: one cluster on loopback (http, or https with its CA), one context, one user. */
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigOptions {
  readonly server: string;
  readonly contextName: string;
  readonly namespace: string;
  /** The bearer token the user presents, when the emulator checks tokens. */
  readonly token?: string;
  /** PEM of the server's (self-signed) certificate, for https servers. */
  readonly certificateAuthority?: string;
}

export function kubeconfigYaml(options: KubeconfigOptions): string {
  const user: Record<string, string> = options.token ? { token: options.token } : {};
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [
      {
        name: options.contextName,
        cluster: options.certificateAuthority
          ? { server: options.server, 'certificate-authority-data': Buffer.from(options.certificateAuthority, 'utf8').toString('base64') }
          : { server: options.server }
      }
    ],
    users: [{ name: `${options.contextName}-user`, user }],
    contexts: [{ name: options.contextName, context: { cluster: options.contextName, user: `${options.contextName}-user`, namespace: options.namespace } }],
    'current-context': options.contextName
  });
}

export function writeKubeconfig(file: string, options: KubeconfigOptions): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, kubeconfigYaml(options), { mode: 0o600 });
  return file;
}
