/**
 * The rollback pre-flight: what a rollback would do and what could stop it, shown before anyone
 * confirms. Each check reads the world with a bound on time (a hung engine or registry blocks the check,
 * never the screen); the ones that cannot be made say so instead of passing.
 */
import type { ArtifactRow } from '../../../../shared/domain/artifact-catalog';
import { diffSettings, type SettingChange } from '../../../../shared/domain/environment-settings';
import type { Commit } from '../../../../shared/domain/history';
import { shortSha } from '../../../../shared/domain/history';
import type { MigrationCrossing, PreflightCheck, Release, RollbackPreflight } from '../../../../shared/domain/releases';
import type { Environment, Service } from '../../../../shared/domain/workspace';
import { bounded, problemOf } from '../bounded';
import { imageReferenceOf } from '../image-reference';
import type { ReleaseViewsDeps } from '../release-views-deps';
import { artifactLabel, artifactOf } from '../release-facts';
import { diffImageConfig } from './container-diff';
import { crossedMigrations } from './migration-crossings';
import { remembered } from './preflight-memo';
import type { KubernetesTarget } from '../../../../shared/domain/kubernetes';
import type { ReleaseStrategy } from '../../../../shared/domain/environment-settings';
import type { KubernetesPort } from '../../../ports/kubernetes';
import { kubeGitOps, kubeTargetCheck, kubeTemplateChanges, readKubeFacts, type KubeFacts } from '../kubernetes/kube-preflight';
import { findEnvironment, resolveRollbackTarget, rollbackCandidates, type RollbackTarget } from './rollback-target';

const COMMIT_LIMIT = 200;
const DEFAULT_CHECK_TIMEOUT_MS = 8000;

export interface PreflightRequest {
  readonly service: string;
  readonly environment: string;
  readonly toDigest?: string | undefined;
}

interface Context {
  readonly deps: ReleaseViewsDeps;
  /** A kubernetes environment's workload, revision and owner, read once for every check. */
  readonly kube: { readonly target: KubernetesTarget; readonly facts: KubeFacts } | null;
  readonly service: Service;
  readonly environment: Environment;
  readonly current: Release | null;
  readonly target: RollbackTarget;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
}

const check = (id: PreflightCheck['id'], status: PreflightCheck['status'], title: string, detail: string): PreflightCheck => ({ id, status, title, detail });
const plural = (count: number, one: string, many = `${one}s`): string => `${count} ${count === 1 ? one : many}`;

async function artifactCheck(context: Context): Promise<PreflightCheck> {
  const { deps, service, target } = context;
  const label = artifactLabel(target.candidate);
  try {
    const presence = await remembered(deps.memos?.presence, `${service.name}\u0000${target.candidate.digest}\u0000${target.candidate.pruned}`, () =>
      bounded((signal) => deps.artifactExists(service.name, target.candidate.digest, signal), context.timeoutMs, 'The registry', context.signal)
    );
    if (presence.exists) return check('artifact', 'ok', 'Artifact available', `${label} (${target.candidate.digest}) is in ${presence.where}.`);
    if (presence.pruned || target.candidate.pruned) {
      return check('artifact', 'blocked', 'Artifact pruned', `${label} was pruned: its image is no longer in ${presence.where}, so it cannot be started again. Pick another candidate.`);
    }
    // The cluster pulls a kubernetes environment's image, not Shipdeck: a registry Shipdeck cannot reach is not a reason to refuse.
    if (context.kube !== null && presence.problem !== undefined) {
      return check('artifact', 'warning', 'Artifact not checked', `Shipdeck could not ask ${presence.where} whether ${label} still exists; the cluster pulls it from there when a node needs it.`);
    }
    return check('artifact', 'blocked', 'Artifact missing', `${label} is not in ${presence.where}: its image cannot be started. Pick another candidate.`);
  } catch (error) {
    return check('artifact', 'blocked', 'Artifact not found', `Could not check that ${label} still exists: ${problemOf(error)}`);
  }
}

async function targetCheck(context: Context): Promise<PreflightCheck> {
  const { deps, environment } = context;
  if (context.kube !== null) return kubeTargetCheck(context.kube.facts, context.kube.target, context.service.name, environment.name);
  if (environment.targetKind !== 'docker') {
    return check('target', 'blocked', 'Target not supported', `${environment.name} is a ${environment.targetKind} target; Shipdeck rolls back docker and kubernetes targets only.`);
  }
  try {
    await bounded((signal) => deps.runtime.ping(signal), context.timeoutMs, 'The Docker engine', context.signal);
    return check('target', 'ok', 'Target reachable', 'The Docker engine answers.');
  } catch (error) {
    return check('target', 'blocked', 'Target unreachable', problemOf(error));
  }
}

interface Changes {
  readonly check: PreflightCheck;
  readonly commits: readonly Commit[] | null;
  readonly settingsDiff: readonly SettingChange[];
  readonly containerDiff: readonly SettingChange[];
}

/** The commits the rollback takes out (what runs now back to the target), newest first. */
async function commitsTakenOut(context: Context, current: Release): Promise<{ readonly commits: readonly Commit[] | null; readonly sentence: string; readonly complete: boolean }> {
  const { deps, service, target } = context;
  try {
    // Commit SHAs are immutable: what lies between two of them is remembered.
    const comparison = await remembered(deps.memos?.comparisons, `${service.repoPath}\u0000${target.candidate.commitSha}\u0000${current.commitSha}`, () =>
      deps.git.open(service.repoPath).compare(target.candidate.commitSha, current.commitSha, COMMIT_LIMIT, context.signal)
    );
    const newest = comparison.commits[0];
    const count = comparison.truncated ? `more than ${COMMIT_LIMIT} commits` : plural(comparison.commits.length, 'commit');
    const back = comparison.behind === 1 ? '1 commit that is' : `${comparison.behind} commits that are`;
    const brings = comparison.behind > 0 ? ` It brings ${back} not in what runs now.` : '';
    const sentence = newest ? `Takes out ${count}, newest ${shortSha(newest.sha)} "${newest.subject}".${brings}` : `Takes out no commits.${brings}`;
    return { commits: comparison.commits, sentence, complete: true };
  } catch (error) {
    return { commits: null, sentence: `Commits not compared: ${problemOf(error)}`, complete: false };
  }
}

async function imageConfig(context: Context, artifact: ArtifactRow | null) {
  if (artifact === null) return null;
  const reference = context.deps.imageReference?.(context.service, artifact) ?? imageReferenceOf(artifact);
  return bounded(() => context.deps.runtime.imageConfig(reference), context.timeoutMs, 'The Docker engine', context.signal);
}

async function containerChanges(context: Context, current: Release): Promise<{ readonly diff: readonly SettingChange[]; readonly sentence: string; readonly complete: boolean }> {
  const { deps, target } = context;
  if (context.kube !== null) {
    const reference = target.artifact === null ? target.candidate.digest : (deps.imageReference?.(context.service, target.artifact) ?? imageReferenceOf(target.artifact));
    return kubeTemplateChanges(context.kube.facts, reference);
  }
  try {
    const [now, then] = await Promise.all([
      imageConfig(context, deps.store.artifacts.getArtifactRow(current.artifactId)),
      imageConfig(context, target.artifact)
    ]);
    if (now === null || then === null) {
      const missing = now === null ? artifactLabel(current) : artifactLabel(target.candidate);
      return { diff: [], sentence: `Container configuration not compared: the image of ${missing} is not in the local engine.`, complete: false };
    }
    const diff = diffImageConfig(now, then);
    const sentence = diff.length === 0 ? 'Container configuration is the same.' : `Container configuration differs: ${diff.map((change) => change.setting).join(', ')}.`;
    return { diff, sentence, complete: true };
  } catch (error) {
    return { diff: [], sentence: `Container configuration not compared: ${problemOf(error)}`, complete: false };
  }
}

function settingsChanges(context: Context, current: Release): { readonly diff: readonly SettingChange[]; readonly sentence: string; readonly complete: boolean } {
  const then = context.target.release?.settings ?? null;
  const now = current.settings ?? context.environment.settings;
  if (then === null) return { diff: [], sentence: `Settings not compared: ${artifactLabel(context.target.candidate)}'s release did not record them.`, complete: false };
  const diff = diffSettings(now, then);
  const sentence = diff.length === 0 ? 'Environment settings are the same.' : `Environment settings differ: ${diff.map((change) => change.setting).join(', ')}.`;
  return { diff, sentence, complete: true };
}

async function changesCheck(context: Context): Promise<Changes> {
  const { current } = context;
  if (current === null) {
    return {
      check: check('changes', 'warning', 'What changes', 'Nothing is recorded as running here, so there is nothing to compare with.'),
      commits: null,
      settingsDiff: [],
      containerDiff: []
    };
  }
  const [commits, container] = await Promise.all([commitsTakenOut(context, current), containerChanges(context, current)]);
  const settings = settingsChanges(context, current);
  const complete = commits.complete && container.complete && settings.complete;
  return {
    check: check('changes', complete ? 'ok' : 'warning', 'What changes', [commits.sentence, settings.sentence, container.sentence].join(' ')),
    commits: commits.commits,
    settingsDiff: settings.diff,
    containerDiff: container.diff
  };
}

async function migrationsCheck(context: Context): Promise<{ readonly check: PreflightCheck; readonly migrations: readonly MigrationCrossing[] }> {
  const { deps, service, current, target } = context;
  const label = artifactLabel(target.candidate);
  if (current === null) {
    return { check: check('migrations', 'warning', 'Migrations not checked', 'Nothing is recorded as running here, so Shipdeck cannot tell which migrations have run.'), migrations: [] };
  }
  try {
    const { folder, crossings } = await remembered(deps.memos?.migrations, `${service.repoPath}\u0000${current.commitSha}\u0000${target.candidate.commitSha}`, () =>
      crossedMigrations(deps.git.open(service.repoPath), current.commitSha, target.candidate.commitSha, context.signal)
    );
    const breaking = crossings.filter((crossing) => !crossing.backwardCompatible);
    if (breaking.length > 0) {
      const files = breaking.map((crossing) => `${crossing.file} (${crossing.kind})`).join(', ');
      const detail =
        `Rolling back to ${label} crosses ${plural(breaking.length, 'migration')} that code from ${label} may not work with: ${files}. ` +
        'The database keeps them after the rollback. Going ahead needs a typed override reason, which is recorded.';
      return { check: check('migrations', 'blocked', 'Incompatible migration', detail), migrations: crossings };
    }
    const detail =
      crossings.length === 0
        ? `Crosses no migrations (none added to ${folder}/ since ${label}).`
        : `Crosses ${plural(crossings.length, 'migration')}, all backward-compatible: ${crossings.map((crossing) => crossing.file).join(', ')}.`;
    return { check: check('migrations', 'ok', 'No incompatible migrations', detail), migrations: crossings };
  } catch (error) {
    return {
      check: check('migrations', 'warning', 'Migrations not checked', `Shipdeck could not read the migrations from the repository: ${problemOf(error)} Nobody has checked that ${label} works with the database as it is.`),
      migrations: []
    };
  }
}

function automationCheck(context: Context): PreflightCheck {
  const { deps, service, environment } = context;
  const where = `${service.name} ${environment.name}`;
  const parts = [
    `After a manual rollback ${where} is held: automatic canary continuation and branch-watch deploys will not move it until someone releases the hold (shipdeck hold release ${where}).`
  ];
  const hold = deps.store.releases.hold(service.name, environment.name);
  if (hold !== null) parts.push(`It is already held by ${hold.by} since ${hold.since}${hold.reason ? ` (${hold.reason})` : ''}.`);
  const waiting = deps.store.releases
    .unsettledReleases()
    .filter((release) => release.service === service.name && release.environment === environment.name && release.status === 'pending-approval');
  for (const release of waiting) parts.push(`Release #${release.id} (${artifactLabel(release)}) waits for approval here; approving it would move ${environment.name} again.`);
  const owner = context.kube === null ? null : kubeGitOps(context.kube.facts, context.kube.target);
  if (owner !== null) return check('automation', 'warning', `Managed by ${owner.tool}`, [owner.advice, ...parts].join(' '));
  return check('automation', 'warning', 'Environment will be held', parts.join(' '));
}

function lockCheck(context: Context): PreflightCheck {
  const { deps, service, environment } = context;
  const lock = deps.store.releases.lock(service.name, environment.name);
  if (lock === null) return check('lock', 'ok', 'No release in progress', `Nothing else is releasing to ${environment.name}.`);
  const release = deps.store.releases.getRelease(lock.deploymentId);
  const what = release ? `Release #${lock.deploymentId} (${artifactLabel(release)}, ${release.strategy})` : `Release #${lock.deploymentId}`;
  return check('lock', 'blocked', 'Release in progress', `${what} holds ${environment.name} since ${lock.since} (${lock.holder}). Wait for it to end, or abort it first.`);
}

export async function rollbackPreflight(deps: ReleaseViewsDeps, request: PreflightRequest, signal?: AbortSignal): Promise<RollbackPreflight> {
  const { service, environment } = findEnvironment(deps.store, request.service, request.environment);
  const current = deps.store.releases.currentRelease(service.name, environment.name);
  const candidates = rollbackCandidates(deps.store, service.name, environment.name, current);
  const target = resolveRollbackTarget(deps.store, { service: service.name, environment: environment.name }, current, candidates, request.toDigest);
  const timeoutMs = deps.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS;
  const kubeTarget = environment.targetKind === 'kubernetes' ? environment.settings.kubernetes : null;
  const kube =
    kubeTarget !== null && deps.kubernetes !== undefined
      ? { target: kubeTarget, facts: await readKubeFactsBounded(deps.kubernetes, kubeTarget, target.candidate.digest, timeoutMs, signal, (current?.settings ?? environment.settings).strategy) }
      : null;
  const context: Context = { deps, kube, service, environment, current, target, timeoutMs, signal };

  const [artifact, reachable, changes, migrations] = await Promise.all([artifactCheck(context), targetCheck(context), changesCheck(context), migrationsCheck(context)]);
  const checks = [artifact, reachable, changes.check, migrations.check, automationCheck(context), lockCheck(context)];
  const blocking = checks.filter((candidate) => candidate.status === 'blocked');
  return {
    service: service.name,
    environment: environment.name,
    from: current === null ? null : artifactOf(current),
    to: target.candidate,
    checks,
    commits: changes.commits,
    settingsDiff: changes.settingsDiff,
    containerDiff: changes.containerDiff,
    migrations: migrations.migrations,
    blocked: blocking.length > 0,
    overridable: blocking.length > 0 && blocking.every((candidate) => candidate.id === 'migrations'),
    candidates: candidates.map((entry) => entry.candidate)
  };
}

async function readKubeFactsBounded(kube: KubernetesPort, target: KubernetesTarget, digest: string, timeoutMs: number, signal: AbortSignal | undefined, strategy: ReleaseStrategy): Promise<KubeFacts> {
  try {
    return await bounded((inner) => readKubeFacts(kube, target, digest, inner, strategy), timeoutMs, 'The Kubernetes API server', signal);
  } catch (error) {
    return { snapshot: null, targetRevision: null, problem: problemOf(error) };
  }
}
