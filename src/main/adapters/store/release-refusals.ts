import type { DeploymentStatus } from '../../../shared/domain/deployments';
import type { Release } from '../../../shared/domain/releases';
import { AppError } from '../../../shared/result';
import type { ReleaseLock } from '../../ports/store';
import { artifactName } from './release-rows';

/** Refuses a second release of an environment, naming the one that holds it, since when, and what to do. */
export function releaseInProgress(lock: ReleaseLock, holding: Release): AppError {
  const by = lock.holder === holding.startedBy ? holding.startedBy : `${holding.startedBy}, held by ${lock.holder}`;
  const paused = lock.pid === null ? ' — it is paused, waiting for a person' : '';
  const hint =
    holding.strategy === 'canary'
      ? `Wait for #${holding.id} to finish, or continue or abort it: shipdeck canary ${lock.service} ${lock.environment} continue|abort.`
      : `Wait for #${holding.id} to finish. If the process running it is gone, restarting Shipdeck marks it interrupted and frees ${lock.environment}.`;
  return new AppError(
    'RELEASE_IN_PROGRESS',
    `${lock.environment} of ${lock.service} is being released by #${holding.id} (${holding.strategy} of ${artifactName(holding.version, holding.digest)} by ${by}) since ${lock.since}${paused}.`,
    hint
  );
}

export function alreadyPendingApproval(waiting: Release, since: string): AppError {
  return new AppError(
    'RELEASE_REFUSED',
    `${waiting.environment} of ${waiting.service} already has release #${waiting.id} (${artifactName(waiting.version, waiting.digest)} by ${waiting.startedBy}) waiting for approval since ${since}.`,
    `Approve or reject #${waiting.id} first: shipdeck approve|reject ${waiting.id}.`
  );
}

export function releaseEnded(release: Release, since: string, wanted: DeploymentStatus): AppError {
  return new AppError(
    'RELEASE_REFUSED',
    `Release #${release.id} already ended ${release.status} at ${since}; its record cannot become ${wanted}.`,
    'Start a new release instead (a rollback is a new release that points at the one it undoes).'
  );
}

export function notPendingApproval(release: Release): AppError {
  return new AppError(
    'RELEASE_REFUSED',
    `Release #${release.id} is not waiting for approval: it is ${release.status}.`,
    'Only a release pending approval can be approved or rejected.'
  );
}

export function releaseNotFound(id: number): AppError {
  return new AppError('NOT_FOUND', `There is no release #${id}.`, "Check the number in the environment's history (shipdeck status).");
}
