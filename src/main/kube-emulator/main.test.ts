import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

describe('npm run kube-emulator', () => {
  it('prints the path of a kubeconfig for a loopback server, serves it, and cleans up when stopped', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'main.ts'), '--ready-delay', '10', '--argo-rollouts', '--minor', '31'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 20_000;
      while (!stdout.includes('\n') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      const kubeconfigPath = stdout.trim();
      expect(stdout.split('\n').filter((line) => line !== '')).toEqual([kubeconfigPath]);
      expect(stderr).toContain('Kubernetes API emulator (not a real cluster) listening on http://127.0.0.1:');
      const kubeconfig = parse(fs.readFileSync(kubeconfigPath, 'utf8')) as { clusters: { cluster: { server: string } }[]; 'current-context': string };
      const server = kubeconfig.clusters[0]?.cluster.server ?? '';
      expect(server).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(kubeconfig['current-context']).toBe('kube-emulator');
      const version = (await (await fetch(`${server}/version`)).json()) as { gitVersion: string };
      expect(version.gitVersion).toBe('v1.31.0');
      const crds = (await (await fetch(`${server}/apis/apiextensions.k8s.io/v1/customresourcedefinitions`)).json()) as { items: unknown[] };
      expect(crds.items).toHaveLength(3);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.dirname(kubeconfigPath))).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
