// Shared by the store tests: temporary data folders (removed after each test) and sample records.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { AuditInput, NewService } from '../../../ports/store';

export function useTempDirs(prefix = 'shipdeck-store-'): () => string {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}

export const audit = (action: string, subject = 'service:api'): AuditInput => ({ actor: 'tester', action, subject, details: {} });

export const newService = (name: string): NewService => ({
  name,
  repoPath: `/repos/${name}`,
  imageRepository: `127.0.0.1:5000/shop/${name}`,
  pipelineFile: '.shipdeck/pipeline.yml',
  environments: [
    { name: 'dev', targetKind: 'docker', requiresApproval: false },
    { name: 'prod', targetKind: 'kubernetes', requiresApproval: true }
  ]
});

/** A clock that moves one second per reading, so records made in one test have distinct times. */
export function steppingClock(start = Date.parse('2026-03-01T09:00:00.000Z')): () => string {
  let tick = 0;
  return () => new Date(start + 1000 * tick++).toISOString();
}

export const digest = (n: number): string => `sha256:${n.toString(16).padStart(64, '0')}`;
