/**
 * What a release is about, looked up in the record: the service, a `docker` environment with a public
 * port, and the artifact behind a digest. Each lookup fails with the error a person can act on.
 */
import type { Artifact } from '../../../shared/domain/artifacts';
import type { ReleaseStrategy } from '../../../shared/domain/environment-settings';
import type { DeploymentStrategy } from '../../../shared/domain/deployments';
import type { Environment, Service } from '../../../shared/domain/workspace';
import type { KubernetesTarget } from '../../../shared/domain/kubernetes';
import { serviceNotFound } from '../../../shared/domain/workspace-errors';
import type { ArtifactsReads, WorkspaceReads } from '../../ports/store';
import { artifactNotFound, environmentNotConfigured } from './release-messages';

export interface DockerTarget {
  readonly service: Service;
  readonly environment: Environment;
}

export function findServiceOrThrow(workspace: WorkspaceReads, name: string): Service {
  const service = workspace.findService(name);
  if (!service) throw serviceNotFound(name);
  return service;
}

/** Whether the environment says enough to release to it: a `docker` target with a public port, or a `kubernetes` one naming its workload. */
export const releasable = (environment: Environment): boolean =>
  (environment.targetKind === 'docker' && environment.settings.publicPort !== null) ||
  (environment.targetKind === 'kubernetes' && environment.settings.kubernetes !== null);

/** The environment, when it can take a release (see `releasable`). */
export function dockerTarget(workspace: WorkspaceReads, serviceName: string, environmentName: string): DockerTarget {
  const service = findServiceOrThrow(workspace, serviceName);
  const environment = service.environments.find((candidate) => candidate.name === environmentName);
  if (!environment || !releasable(environment)) throw environmentNotConfigured(service, environmentName, environment);
  return { service, environment };
}

/** A kubernetes environment's target; ENVIRONMENT_NOT_CONFIGURED when it has none. */
export function kubernetesTargetOrThrow(workspace: WorkspaceReads, serviceName: string, environmentName: string): KubernetesTarget {
  const { environment, service } = dockerTarget(workspace, serviceName, environmentName);
  if (environment.settings.kubernetes === null) throw environmentNotConfigured(service, environmentName, environment);
  return environment.settings.kubernetes;
}

/** The environment just before this one in the promotion order; null for the first. */
export function previousEnvironment(service: Service, environment: Environment): Environment | null {
  const earlier = service.environments.filter((candidate) => candidate.position < environment.position);
  return earlier.reduce<Environment | null>((best, candidate) => (best === null || candidate.position > best.position ? candidate : best), null);
}

/** The service's artifact with exactly this digest (registry digest or local image ID). */
export function findArtifactOrThrow(artifacts: ArtifactsReads, service: string, digest: string): Artifact {
  const page = artifacts.searchArtifacts({ service, search: digest, status: 'all', sort: 'newest', limit: 20 });
  const artifact = page.items.find((item) => item.digest === digest);
  if (!artifact) throw artifactNotFound(service, digest);
  return artifact;
}

/** Records from before releases had strategies say `recreate`: they are replaced like a rolling release. */
export const runnableStrategy = (strategy: DeploymentStrategy): ReleaseStrategy => (strategy === 'recreate' ? 'rolling' : strategy);
