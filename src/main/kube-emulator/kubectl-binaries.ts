/**
 * The kubectl binaries on this machine: the installed one (`command -v kubectl`) and the versioned
 * `kubectl.1.NN` files beside the real file behind it (the Google Cloud SDK ships them; its `kubectl` is
 * a dispatcher that runs the one matching the server's minor version).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface KubectlBinary {
  /** "kubectl 1.29" or "kubectl (installed)". */
  readonly label: string;
  readonly path: string;
  /** The minor version for versioned binaries; null for the installed one. */
  readonly minor: number | null;
}

function onPath(command: string): string | null {
  for (const directory of (process.env['PATH'] ?? '').split(path.delimiter)) {
    if (directory === '') continue;
    const candidate = path.join(directory, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

export function findKubectlBinaries(): KubectlBinary[] {
  const installed = onPath('kubectl');
  if (!installed) return [];
  const real = fs.realpathSync(installed);
  const versioned = fs
    .readdirSync(path.dirname(real))
    .map((name) => ({ name, match: /^kubectl\.1\.(\d+)$/.exec(name) }))
    .filter((entry) => entry.match !== null)
    .map((entry) => ({ label: `kubectl 1.${entry.match?.[1] ?? ''}`, path: path.join(path.dirname(real), entry.name), minor: Number(entry.match?.[1]) }))
    .sort((a, b) => a.minor - b.minor);
  return [{ label: 'kubectl (installed)', path: installed, minor: null }, ...versioned];
}

export interface KubectlResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs kubectl with a kubeconfig; never throws for a non-zero exit (tests check the code). */
export function runKubectl(binary: string, args: readonly string[], options: { kubeconfig: string; input?: string; timeoutMs?: number }): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = execFile(
      binary,
      [...args],
      {
        env: { ...process.env, KUBECONFIG: options.kubeconfig, KUBECACHEDIR: path.join(path.dirname(options.kubeconfig), 'cache'), HOME: path.dirname(options.kubeconfig) },
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: 16 * 1024 * 1024
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      }
    );
    // kubectl asks for a username on stdin after a 401 without credentials; never leave it waiting.
    child.stdin?.end(options.input ?? '');
  });
}
