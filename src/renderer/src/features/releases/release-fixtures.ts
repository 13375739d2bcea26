/** Records to test the release screens' logic with (tests only). */
import { DEFAULT_ENVIRONMENT_SETTINGS } from '../../../../shared/domain/environment-settings';
import type { EnvironmentStatus, Release } from '../../../../shared/domain/releases';

export const digestOf = (n: number): string => `sha256:${n.toString(16).padStart(4, '0')}${'ab'.repeat(30)}`;

export function release(overrides: Partial<Release> = {}): Release {
  return {
    id: 1,
    service: 'api',
    environment: 'staging',
    artifactId: 1,
    digest: digestOf(1),
    previousArtifactId: null,
    strategy: 'rolling',
    startedBy: 'ana',
    createdAt: '2026-01-01T10:00:00Z',
    rollbackOfId: null,
    status: 'succeeded',
    canaryVerdict: null,
    trigger: 'promotion',
    reason: null,
    overrideReason: null,
    settings: null,
    version: 'v1.2.0',
    commitSha: 'abcdef1234567',
    previousDigest: null,
    previousVersion: null,
    previousCommitSha: null,
    phase: 'completed',
    weight: 100,
    ...overrides
  };
}

export function environment(overrides: Partial<EnvironmentStatus> = {}): EnvironmentStatus {
  return {
    service: 'api',
    environment: 'staging',
    position: 1,
    targetKind: 'docker',
    requiresApproval: false,
    settings: DEFAULT_ENVIRONMENT_SETTINGS,
    current: null,
    active: null,
    interrupted: null,
    health: 'healthy',
    healthDetail: '2 of 2 instances answer /healthz',
    drift: { kind: 'none' },
    instances: [],
    hold: null,
    lastKnownGood: null,
    promotable: null,
    url: null,
    ...overrides
  };
}
