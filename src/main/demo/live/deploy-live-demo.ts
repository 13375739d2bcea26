/**
 * The live demo: when a Docker engine answers, the demo service really runs. Two images are built from
 * the demo's repository — the tip of main (the older) and the same tree with a newer version string (on
 * the live demo's own ref) — and recorded as local artifacts (`shipdeck-local/<service>`, digest = image
 * ID, as a pipeline records an image it did not push: no registry needs to run); through the release orchestrator the older goes
 * to dev, is promoted to staging and to prod (approved by `demo:setup`), then the newer goes to dev. The
 * newcomer lands on a board where prod is live and dev is one Promote → ahead.
 *
 * Once: an open that finds both images recorded and every environment running what it should does
 * nothing. Without an engine it does nothing either: the recorded history stands. Nothing here throws:
 * every end is an outcome with a sentence for the progress line.
 */
import { DEMO_ACTOR_PREFIX } from '../../../shared/domain/demo-data';
import type { Release } from '../../../shared/domain/releases';
import type { Environment, Service } from '../../../shared/domain/workspace';
import { AppError } from '../../../shared/result';
import { localRepositoryFor } from '../../features/pipelines/docker-stages';
import type { ReleaseService } from '../../features/releases/release-service.types';
import type { ContainersPort } from '../../ports/containers';
import type { ArtifactsStore, ReleasesStore } from '../../ports/store';
import { portableBuildFiles, VERSIONED_FILES } from '../demo-build-files';
import { LIVE_DEMO_REF } from './live-demo-commit';
import { buildLiveImage, findLiveImage, type LiveImageDeps, type LiveImageSpec } from './live-demo-images';
import { desiredDigests, newerLiveVersion, planLiveDemo, servedVersion, type EnvironmentNow, type LiveDemoStep } from './live-demo-plan';
import type { LiveDemoRepository } from './live-demo-repository';

/** Who starts and approves the live demo's releases (a demo actor: screens mark its records as demo data). */
export const LIVE_DEMO_ACTOR = `${DEMO_ACTOR_PREFIX}setup`;

/** The release orchestrator acting as LIVE_DEMO_ACTOR, and what really serves an environment. */
export interface LiveDemoReleases extends Pick<ReleaseService, 'deploy' | 'promote' | 'approve' | 'canary' | 'settled'> {
  /** The digest nginx sends the main traffic to, read from the engine and nginx; null when nothing serves. */
  servingDigest(service: string, environment: string, signal?: AbortSignal): Promise<string | null>;
}

export interface LiveDemoStore {
  readonly artifacts: Pick<ArtifactsStore, 'findArtifact' | 'listArtifacts' | 'recordArtifact'>;
  readonly releases: Pick<ReleasesStore, 'currentRelease' | 'releasesOfDigest' | 'unsettledReleases' | 'getRelease' | 'configureEnvironment'>;
}

export interface LiveDemoDeps {
  /** The demo service as `demo.open` returned it. */
  readonly service: Service;
  readonly engine: Pick<ContainersPort, 'ping' | 'buildImage' | 'inspectImage'>;
  readonly repository: LiveDemoRepository;
  readonly store: LiveDemoStore;
  readonly releases: LiveDemoReleases;
  readonly onProgress: (step: string, completed: number, total: number) => void;
  /** Public port per environment, set first where it differs (tests pick free ones). */
  readonly ports?: Readonly<Record<string, number>> | undefined;
  readonly signal?: AbortSignal | undefined;
}

export type LiveDemoOutcome =
  | { readonly kind: 'no-engine'; readonly detail: string }
  /** The tip of main has no image that builds here (a demo repository made before the portable build). */
  | { readonly kind: 'not-buildable'; readonly detail: string }
  /** A release of the service waits for a person or is under way: the live demo does not cut in. */
  | { readonly kind: 'busy'; readonly detail: string }
  | { readonly kind: 'already-live'; readonly detail: string }
  | { readonly kind: 'deployed'; readonly detail: string; readonly releases: readonly number[] }
  | { readonly kind: 'failed'; readonly detail: string }
  | { readonly kind: 'cancelled'; readonly detail: string };

const APPROVAL_COMMENT = 'Approved by the live demo setup, so the walkthrough starts with prod live.';
/** Canary gates continued by the setup before it gives up (the demo's canary has three). */
const MAX_GATES = 10;

const messageOf = (error: unknown): string => {
  if (error instanceof AppError) return error.hint ? `${error.message} ${error.hint}` : error.message;
  return error instanceof Error ? error.message : String(error);
};

const isCancelled = (error: unknown, signal: AbortSignal | undefined): boolean =>
  signal?.aborted === true || (error instanceof AppError && error.code === 'CANCELLED');

/** Progress in steps; the total grows once the plan is known. */
function progressLine(onProgress: LiveDemoDeps['onProgress']) {
  let completed = 0;
  let total = 5;
  return {
    start(step: string): void {
      onProgress(step, completed, total);
    },
    done(): void {
      completed = Math.min(completed + 1, total);
    },
    expect(more: number): void {
      total = completed + more;
    },
    end(detail: string): void {
      onProgress(detail, total, total);
    }
  };
}

export async function deployLiveDemo(deps: LiveDemoDeps): Promise<LiveDemoOutcome> {
  const progress = progressLine(deps.onProgress);
  const outcome = await attempt(deps, progress);
  progress.end(outcome.detail);
  return outcome;
}

async function attempt(deps: LiveDemoDeps, progress: ReturnType<typeof progressLine>): Promise<LiveDemoOutcome> {
  const { signal } = deps;
  progress.start('Looking for a Docker engine');
  try {
    await deps.engine.ping(signal);
  } catch (error) {
    if (isCancelled(error, signal)) return { kind: 'cancelled', detail: 'The live demo stopped: Shipdeck is closing.' };
    return {
      kind: 'no-engine',
      detail: `No Docker engine answers (${messageOf(error)}): the demo shows its recorded history, and its environments are unreachable until an engine runs.`
    };
  }
  progress.done();
  try {
    return await deploy(deps, progress);
  } catch (error) {
    if (isCancelled(error, signal)) return { kind: 'cancelled', detail: 'The live demo stopped: Shipdeck is closing. The next open of the demo goes on.' };
    return { kind: 'failed', detail: `The live demo stopped: ${messageOf(error)}` };
  }
}

async function deploy(deps: LiveDemoDeps, progress: ReturnType<typeof progressLine>): Promise<LiveDemoOutcome> {
  const { repository, store, signal } = deps;
  const busy = store.releases.unsettledReleases().filter((release) => release.service === deps.service.name);
  if (busy.length > 0) {
    const where = busy.map((release) => `${release.environment} (#${release.id}, ${release.status})`).join(', ');
    return { kind: 'busy', detail: `The live demo waits: a release of ${deps.service.name} is not finished in ${where}. Finish it, then open the demo again.` };
  }
  const service = await configurePorts(deps);

  progress.start('Reading the demo repository');
  const tip = await repository.tipOfMain(signal);
  const dockerfile = await repository.readFile(tip, 'Dockerfile', signal);
  const olderVersion = servedVersion(await repository.readFile(tip, 'www/v1/version.json', signal));
  if (dockerfile === null || !/^FROM busybox/m.test(dockerfile) || olderVersion === null) {
    return {
      kind: 'not-buildable',
      detail: `The tip of main in ${service.repoPath} has no image that builds without a network (a busybox Dockerfile serving www/): the demo shows its recorded history only.`
    };
  }
  const newerVersion = newerLiveVersion(olderVersion);
  const site = portableBuildFiles(newerVersion);
  const changed = new Map(VERSIONED_FILES.map((file) => [file, site.get(file) ?? '']));
  const newerCommit = await repository.liveCommit(
    tip,
    changed,
    `demo: shop-api ${newerVersion}, a newer version to promote\n\nWritten by Shipdeck's live demo on ${LIVE_DEMO_REF}: no branch or tag of the demo moves.\n`
  );
  progress.done();

  const imageDeps: LiveImageDeps = {
    service: service.name,
    // Local images, as a pipeline records an image it did not push: run by image ID, never pulled.
    imageRepository: localRepositoryFor(service.name),
    engine: deps.engine,
    artifacts: store.artifacts,
    repository,
    signal
  };
  const specs: readonly LiveImageSpec[] = [
    { commitSha: tip, version: olderVersion },
    { commitSha: newerCommit, version: newerVersion }
  ];
  const [older, newer] = await Promise.all(specs.map((spec) => findLiveImage(imageDeps, spec)));
  const images: string[] = [];
  for (const [index, spec] of specs.entries()) {
    const found = index === 0 ? older : newer;
    progress.start(found ? `Found the image of ${spec.version}` : `Building the image of ${spec.version} (${spec.commitSha.slice(0, 7)})`);
    const artifact = found ?? (await buildLiveImage(imageDeps, spec, () => undefined));
    images.push(artifact.digest);
    progress.done();
  }
  const live = { older: images[0] ?? '', newer: images[1] ?? '' };
  const versions = new Map([
    [live.older, olderVersion],
    [live.newer, newerVersion]
  ]);

  const environments = [...service.environments].filter((environment) => environment.targetKind === 'docker').sort((a, b) => a.position - b.position);
  const first = environments[0];
  if (!first) return { kind: 'not-buildable', detail: `${service.name} has no docker environment to run the live demo in.` };
  const nows = await Promise.all(environments.map((environment) => environmentNow(deps, service, environment)));
  const setupFinished = store.releases
    .releasesOfDigest(live.newer)
    .some((release) => release.service === service.name && release.environment === first.name && (release.status === 'succeeded' || release.status === 'rolled-back'));
  const plan = { images: live, environments: nows, setupFinished };
  const steps = planLiveDemo(plan);
  const summary = describeLayout(environments, desiredDigests(plan), versions);
  if (steps.length === 0) return { kind: 'already-live', detail: `The live demo runs: ${summary}` };

  progress.expect(steps.length + 1);
  const released: number[] = [];
  for (const step of steps) {
    const environment = environments.find((candidate) => candidate.name === step.environment);
    progress.start(describeStep(step, environment, versions.get(step.digest) ?? step.digest));
    released.push(await runStep(deps, service, step, versions.get(step.digest) ?? step.digest));
    progress.done();
  }
  return { kind: 'deployed', detail: `The live demo runs: ${summary}`, releases: released };
}

async function configurePorts(deps: LiveDemoDeps): Promise<Service> {
  let service = deps.service;
  for (const environment of deps.service.environments) {
    const port = deps.ports?.[environment.name];
    if (port === undefined || environment.settings.publicPort === port) continue;
    service = await deps.store.releases.configureEnvironment(
      service.name,
      environment.name,
      { settings: { publicPort: port } },
      {
        actor: LIVE_DEMO_ACTOR,
        action: 'environment.configured',
        subject: `service:${service.name}`,
        details: { environment: environment.name, changed: 'publicPort', publicPort: port, approval: null, target: null }
      },
      deps.signal
    );
  }
  return service;
}

async function environmentNow(deps: LiveDemoDeps, service: Service, environment: Environment): Promise<EnvironmentNow> {
  const recorded = deps.store.releases.currentRelease(service.name, environment.name)?.digest ?? null;
  // What cannot be read does not serve: the environment is released again.
  const serving = await deps.releases.servingDigest(service.name, environment.name, deps.signal).catch(() => null);
  return { environment: environment.name, recorded, serving };
}

function describeStep(step: LiveDemoStep, environment: Environment | undefined, version: string): string {
  const verb = step.kind === 'promote' ? 'Promoting' : 'Deploying';
  const strategy = environment ? ` (${environment.settings.strategy}${environment.requiresApproval ? `, approved by ${LIVE_DEMO_ACTOR}` : ''})` : '';
  return `${verb} ${version} to ${step.environment}${strategy}`;
}

/** "dev runs 1.9.0-live on http://127.0.0.1:48080/; staging runs 1.8.0 on …" */
function describeLayout(environments: readonly Environment[], digests: readonly string[], versions: ReadonlyMap<string, string>): string {
  const parts = environments.map((environment, index) => {
    const digest = digests[index] ?? '';
    const port = environment.settings.publicPort;
    return `${environment.name} runs ${versions.get(digest) ?? digest}${port === null ? '' : ` on http://127.0.0.1:${port}/`}`;
  });
  return `${parts.join('; ')}. Promote the newer one from the Environments board, then roll it back.`;
}

/** Runs one release to its end: approved and continued at its gates by LIVE_DEMO_ACTOR. Resolves with its id. */
async function runStep(deps: LiveDemoDeps, service: Service, step: LiveDemoStep, version: string): Promise<number> {
  const { releases, signal } = deps;
  let release: Release =
    step.kind === 'deploy'
      ? await releases.deploy({ service: service.name, environment: step.environment, digest: step.digest, trigger: 'manual' })
      : await releases.promote({ service: service.name, environment: step.environment });
  if (release.digest !== step.digest) {
    throw new AppError('RELEASE_REFUSED', `Release #${release.id} took ${release.digest} to ${step.environment}, not ${version}.`, 'Open the Environments board to see what runs where.');
  }
  if (release.status === 'pending-approval') release = await releases.approve(release.id, APPROVAL_COMMENT);
  for (let gates = 0; ; gates++) {
    release = await releases.settled(release.id, signal);
    if (release.status !== 'in-progress' || release.phase !== 'paused' || gates >= MAX_GATES) break;
    await releases.canary(service.name, step.environment, 'continue');
  }
  if (release.status !== 'succeeded') {
    const detail = deps.store.releases.getRelease(release.id)?.events.at(-1)?.detail ?? release.status;
    throw new AppError('RELEASE_REFUSED', `releasing ${version} to ${step.environment} ended ${release.status} (release #${release.id}): ${detail}`);
  }
  return release.id;
}
