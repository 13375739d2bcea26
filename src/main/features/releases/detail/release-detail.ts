/**
 * A release's detail: its record with events and approvals, the commits between the artifact it replaced
 * and its own (from git; for a rollback, the commits it took out), the strategy's steps, the audit trail,
 * and the releases it undoes or that undid it.
 */
import type { AuditEntry } from '../../../../shared/domain/workspace';
import { DEFAULT_ENVIRONMENT_SETTINGS } from '../../../../shared/domain/environment-settings';
import type { Commit } from '../../../../shared/domain/history';
import type { Release, ReleaseDetail } from '../../../../shared/domain/releases';
import { AppError } from '../../../../shared/result';
import { problemOf } from '../bounded';
import type { ReleaseViewsDeps, ReleaseViewsStore } from '../release-views-deps';
import { isRollback } from '../release-facts';
import { strategySteps } from './strategy-steps';

const COMMIT_LIMIT = 500;
const AUDIT_PAGE = 500;
/** The audit log is read back from the newest entry: at most this many entries are looked at. */
const AUDIT_SCAN_LIMIT = 50_000;
const RELEASE_PAGE = 200;

/** The record without its events and approvals. */
function recordOf(store: ReleaseViewsStore, id: number | null): Release | null {
  if (id === null) return null;
  const found = store.releases.getRelease(id);
  if (found === null) return null;
  const { events: _events, approvals: _approvals, ...release } = found;
  return release;
}

async function commitsOf(deps: ReleaseViewsDeps, release: Release, signal?: AbortSignal): Promise<{ readonly commits: readonly Commit[] | null; readonly problem: string | null }> {
  if (release.previousCommitSha === null) {
    return { commits: null, problem: `This was the first release to ${release.environment}: there is no earlier artifact to compare with.` };
  }
  const service = deps.store.workspace.findService(release.service);
  if (service === null) return { commits: null, problem: `${release.service} is no longer in the workspace, so its repository is not known.` };
  // A rollback goes back: the commits between the two artifacts are the ones it took out.
  const [from, to] = isRollback(release) ? [release.commitSha, release.previousCommitSha] : [release.previousCommitSha, release.commitSha];
  try {
    const comparison = await deps.git.open(service.repoPath).compare(from, to, COMMIT_LIMIT, signal);
    return { commits: comparison.commits, problem: null };
  } catch (error) {
    return { commits: null, problem: problemOf(error) };
  }
}

/** The audit entries about a release (subject `release:<id>`), oldest first. */
function auditOf(store: ReleaseViewsStore, release: Release): AuditEntry[] {
  const subject = `release:${release.id}`;
  const found: AuditEntry[] = [];
  let beforeId: number | undefined;
  for (let scanned = 0; scanned < AUDIT_SCAN_LIMIT; scanned += AUDIT_PAGE) {
    const page = store.audit.list(AUDIT_PAGE, beforeId);
    found.push(...page.filter((entry) => entry.subject === subject));
    const last = page.at(-1);
    // Entries are newest first; nothing about a release is older than the release.
    if (last === undefined || page.length < AUDIT_PAGE || last.at < release.createdAt) break;
    beforeId = last.id;
  }
  return found.reverse();
}

/** The release that undid this one: a later release of the environment pointing back at it. */
function rolledBackBy(store: ReleaseViewsStore, release: Release): Release | null {
  let beforeId: number | undefined;
  let undoing: Release | null = null;
  for (;;) {
    const page = store.releases.listReleases(release.service, release.environment, { limit: RELEASE_PAGE, beforeId });
    for (const candidate of page.items) if (candidate.id > release.id && candidate.rollbackOfId === release.id) undoing = candidate;
    const last = page.items.at(-1);
    if (page.nextBeforeId === null || last === undefined || last.id <= release.id) return undoing;
    beforeId = page.nextBeforeId;
  }
}

export async function releaseDetail(deps: ReleaseViewsDeps, deploymentId: number, signal?: AbortSignal): Promise<ReleaseDetail> {
  const { store } = deps;
  const found = store.releases.getRelease(deploymentId);
  if (found === null) throw new AppError('NOT_FOUND', `There is no release #${deploymentId}.`, 'See the release numbers on the board or in `shipdeck status`.');
  const settings =
    found.settings ??
    store.workspace.findService(found.service)?.environments.find((environment) => environment.name === found.environment)?.settings ??
    DEFAULT_ENVIRONMENT_SETTINGS;
  const { commits, problem } = await commitsOf(deps, found, signal);
  return {
    ...found,
    commits,
    commitsProblem: problem,
    steps: strategySteps(found, found.events, settings, deps.clock()),
    audit: auditOf(store, found),
    rollbackOf: recordOf(store, found.rollbackOfId),
    rolledBackBy: rolledBackBy(store, found)
  };
}
