/**
 * The sentences the release orchestrator says: refusals with what to do, a paused canary's event, and
 * what an interrupted release found really running. Kept apart so the wording is one place.
 */
import type { Artifact } from '../../../shared/domain/artifacts';
import type { EnvironmentSettings } from '../../../shared/domain/environment-settings';
import type { Hold, Release, RollbackPreflight } from '../../../shared/domain/releases';
import type { Environment, Service } from '../../../shared/domain/workspace';
import { AppError } from '../../../shared/result';
import type { EnvironmentState } from './strategies/strategy';

/** `sha256:3f1a2b3c4d5e` — enough of a digest to tell artifacts apart in a sentence. */
export const shortDigest = (digest: string): string => digest.slice(0, 19);

const envSetHint = (service: string, environment: string): string =>
  `Configure it: \`shipdeck env set ${service} ${environment} --target docker --port N\` (N: a free port of 1024 or above).`;

export function environmentNotConfigured(service: Service, environmentName: string, environment: Environment | undefined): AppError {
  if (!environment) {
    return new AppError('ENVIRONMENT_NOT_CONFIGURED', `${service.name} has no environment named "${environmentName}".`, envSetHint(service.name, environmentName));
  }
  if (environment.targetKind === 'kubernetes') {
    return new AppError(
      'ENVIRONMENT_NOT_CONFIGURED',
      `${service.name}/${environment.name} targets kubernetes but names no namespace and Deployment to release.`,
      `Configure it: \`shipdeck env set ${service.name} ${environment.name} --target kubernetes --context C --namespace N --deployment D\`.`
    );
  }
  if (environment.targetKind !== 'docker') {
    return new AppError(
      'ENVIRONMENT_NOT_CONFIGURED',
      `${service.name}/${environment.name} targets ${environment.targetKind}: Shipdeck releases to docker and kubernetes environments only.`,
      envSetHint(service.name, environment.name)
    );
  }
  return new AppError('ENVIRONMENT_NOT_CONFIGURED', `${service.name}/${environment.name} has no public port, so nothing could reach what it runs.`, envSetHint(service.name, environment.name));
}

export const shadowRefused = (service: string): AppError =>
  new AppError(
    'RELEASE_REFUSED',
    `A shadow release mirrors live requests to the new version, so every request would be handled twice; that is only safe for a read-only service, and ${service} is not marked read-only.`,
    'Choose another strategy (--strategy rolling, blue-green or canary), or mark the service read-only if its requests change nothing.'
  );

const holdWords = (hold: Hold): string => `held by ${hold.by} since ${hold.since}${hold.reason ? ` (${hold.reason})` : ''}`;

export const heldRefusal = (hold: Hold): AppError =>
  new AppError(
    'RELEASE_REFUSED',
    `${hold.service}/${hold.environment} is ${holdWords(hold)}: branch-watch deploys do not move it until the hold is released.`,
    `Release the hold when it is safe: \`shipdeck hold release ${hold.service} ${hold.environment}\`. A deploy started by hand still goes ahead.`
  );

export const firstEnvironmentRefusal = (service: Service, environment: Environment): AppError =>
  new AppError(
    'RELEASE_REFUSED',
    `${environment.name} is the first environment of ${service.name}: nothing comes before it to promote from.`,
    `Deploy an artifact to ${environment.name} first: \`shipdeck deploy ${service.name} ${environment.name} --artifact DIGEST\`.`
  );

export const nothingToPromote = (service: string, from: string, to: string): AppError =>
  new AppError(
    'NOT_FOUND',
    `Nothing runs in ${service}/${from} yet (no release there succeeded), so there is nothing to promote to ${to}.`,
    `Deploy an artifact to ${from} first (\`shipdeck deploy ${service} ${from} --artifact DIGEST\` or \`shipdeck promote ${service} ${from}\`).`
  );

export const artifactNotFound = (service: string, digest: string): AppError =>
  new AppError('NOT_FOUND', `${service} has no artifact ${shortDigest(digest)}….`, `List its artifacts with \`shipdeck artifacts ${service}\` and use one of their digests.`);

export const artifactPruned = (service: string, artifact: Artifact): AppError =>
  new AppError(
    'IMAGE_NOT_FOUND',
    `${service}'s artifact ${shortDigest(artifact.digest)}${artifact.version ? ` (${artifact.version})` : ''} was pruned${artifact.pruned ? ` by ${artifact.pruned.by} on ${artifact.pruned.at}` : ''}: its image is gone.`,
    'Release a newer artifact, or rebuild this commit with its pipeline to get a new one.'
  );

export const releaseNotFound = (deploymentId: number): AppError =>
  new AppError('NOT_FOUND', `There is no release #${deploymentId}.`, 'The Environments board (or `shipdeck status`) shows the releases that wait for a person.');

export function rollbackBlocked(preflight: RollbackPreflight): AppError {
  const blocking = preflight.checks.filter((check) => check.status === 'blocked').map((check) => `${check.title}: ${check.detail}`);
  const list = blocking.length > 0 ? blocking.join('; ') : 'the pre-flight is blocked';
  return new AppError(
    'ROLLBACK_BLOCKED',
    `Rolling ${preflight.service}/${preflight.environment} back to ${shortDigest(preflight.to.digest)} is blocked — ${list}.`,
    preflight.overridable
      ? 'Only migrations block it: if the data is safe for the older version, give an override reason (at least 10 characters; it is recorded with the rollback).'
      : 'Resolve what blocks it, then run the pre-flight again.'
  );
}

export function pausedDetail(input: {
  readonly strategy: string;
  readonly service: string;
  readonly environment: string;
  readonly step: number;
  readonly weight: number;
  readonly settings: EnvironmentSettings;
  readonly hold: Hold | null;
}): string {
  const { service, environment, step, weight, settings, hold } = input;
  const command = `\`shipdeck canary ${service} ${environment} continue\``;
  const abort = `\`shipdeck canary ${service} ${environment} abort\``;
  const where =
    input.strategy === 'shadow'
      ? `Mirroring requests to the new version (its responses are never returned): ${command} ends the shadow release, ${abort} stops mirroring.`
      : `Paused with ${weight} % of traffic on the new version (step ${step} of ${settings.canarySteps.length}): ${command} moves to the next weight, ${abort} sends all traffic back to stable.`;
  if (hold) return `${where} The environment is ${holdWords(hold)}, so it does not continue by itself: it waits for a person.`;
  if (settings.canaryPauseSeconds !== null) return `${where} It continues by itself after ${settings.canaryPauseSeconds} s.`;
  return `${where} It waits for a person.`;
}

/** What an interrupted release found really running, in a sentence, and the same as event data. */
export function describeState(state: EnvironmentState, release: Release): { readonly detail: string; readonly data: Readonly<Record<string, string | number | null>>; readonly weight: number | null } {
  const whose = (digest: string): string =>
    digest === release.digest ? `${shortDigest(digest)} (this release's artifact)` : digest === release.previousDigest ? `${shortDigest(digest)} (what ran before this release)` : shortDigest(digest);
  const running = state.instances.filter((instance) => instance.state === 'running').length;
  const parts = [
    state.servingDigest === null ? 'nothing serves traffic' : `traffic goes to ${whose(state.servingDigest)}`,
    `${running} of ${state.instances.length} instance${state.instances.length === 1 ? '' : 's'} running`
  ];
  if (state.canary) parts.push(`a canary of ${whose(state.canary.digest)} takes ${state.canary.weight} % of traffic`);
  if (state.idle) parts.push(`the idle ${state.idle.role} colour still runs ${whose(state.idle.digest)}`);
  if (state.shadow) parts.push(`${whose(state.shadow.digest)} receives mirrored requests`);
  if (state.problems.length > 0) parts.push(`problems: ${state.problems.join('; ')}`);
  const weight = state.canary?.digest === release.digest ? state.canary.weight : state.servingDigest === null ? null : state.servingDigest === release.digest && !state.canary ? 100 : 0;
  return {
    detail: `Read back from the engine and nginx: ${parts.join('; ')}.`,
    weight,
    data: {
      servingDigest: state.servingDigest,
      runningInstances: running,
      instances: state.instances.length,
      canaryDigest: state.canary?.digest ?? null,
      canaryWeight: state.canary?.weight ?? null,
      idleRole: state.idle?.role ?? null,
      idleDigest: state.idle?.digest ?? null,
      shadowDigest: state.shadow?.digest ?? null,
      problems: state.problems.length
    }
  };
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A cluster pulls images from a registry: an artifact built only into the local engine cannot run there. */
export const notPullable = (service: Service, environment: string, digest: string): AppError =>
  new AppError(
    'RELEASE_REFUSED',
    `${service.name}/${environment} is a Kubernetes environment, and ${shortDigest(digest)} was built into the local Docker engine only: a cluster can only pull an image from a registry.`,
    `Give the service an image repository (shipdeck services add … --image host/path, or Settings), build and push again, then deploy that artifact.`
  );
