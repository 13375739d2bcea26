import type { Release } from '../../../shared/domain/releases';

const FINAL = new Set(['succeeded', 'failed', 'rolled-back', 'interrupted']);

/** Final, or waiting for a person (approval, a paused canary): nothing more happens until someone acts. */
export function isSettledForFollowers(release: Pick<Release, 'status' | 'phase'>): boolean {
  return FINAL.has(release.status) || release.status === 'pending-approval' || release.phase === 'paused';
}

export const isFinalRelease = (release: Pick<Release, 'status'>): boolean => FINAL.has(release.status);
