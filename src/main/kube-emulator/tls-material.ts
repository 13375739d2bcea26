/**
 * A self-signed serving certificate for 127.0.0.1 (made with openssl, as Node cannot issue X.509
 * certificates). kubectl only sends credentials over TLS — client-go reads a kubeconfig's user section
 * only for https servers — so the emulator serves https whenever it checks tokens.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

export function createTlsMaterial(): TlsMaterial {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-emulator-tls-'));
  try {
    const keyPath = path.join(directory, 'server.key');
    const certPath = path.join(directory, 'server.crt');
    const made = spawnSync(
      'openssl',
      [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
        '-keyout', keyPath, '-out', certPath, '-days', '30', '-subj', '/CN=kube-emulator',
        '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '-addext', 'basicConstraints=critical,CA:TRUE',
        '-addext', 'keyUsage=critical,digitalSignature,keyCertSign'
      ],
      { encoding: 'utf8' }
    );
    if (made.status !== 0) throw new Error(`openssl could not make the emulator's certificate: ${made.stderr || made.error?.message || 'not installed?'}`);
    return { key: fs.readFileSync(keyPath, 'utf8'), cert: fs.readFileSync(certPath, 'utf8') };
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}
