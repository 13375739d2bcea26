/**
 * Records the demo's year of release history — pipeline runs with their stages, the artifacts they
 * pushed, the retention job's prunes, deployments to the service's environments — through the same
 * store ports the runner, the artifacts and the deployments use,
 * and writes the stages' logs through the run-logs port, so every screen has content offline.
 *
 * Once: the records go in one transaction whose first write is checked first (the oldest artifact's
 * digest, deterministic from its commit); a second open finds it and records nothing. Resumable: the
 * logs are written after the records commit, each stage only while its log is empty, and the newest
 * artifact's run last; a later open that finds that run's logs missing writes whatever is missing.
 */
import { DEMO_PRUNER } from '../../../shared/domain/demo-data';
import type { Service } from '../../../shared/domain/workspace';
import type { RunLogPort } from '../../ports/run-logs';
import type { ReleaseStore, StoreTransaction } from '../../ports/store';
import { recordDemoCanarySeries } from './demo-canary-series';
import { planDemoDeployments, type PlannedDeployment } from './demo-deployment-plan';
import { demoStageLog } from './demo-stage-logs';
import { DEMO_RETENTION, planDemoReleases, type DemoReleasePlan, type PlannedRun, type PlannedStage } from './demo-release-plan';
import { readDemoRepositoryFacts } from './demo-repository-facts';
import { runLogName } from '../../../shared/domain/pipeline-runs';

export interface DemoReleaseDeps {
  readonly store: Pick<ReleaseStore, 'transaction' | 'runs' | 'artifacts'>;
  readonly logs: RunLogPort;
}

export interface DemoReleaseSummary {
  /** False when an earlier open had recorded it already. */
  readonly recorded: boolean;
  readonly runs: number;
  readonly artifacts: number;
  readonly pruned: number;
  /** Stage logs written by this call. */
  readonly logsWritten: number;
}

/** A stage's log as the store names it: relative to the run-logs folder (`<runId>/<stage>.log`). */
export const demoLogFile = (runId: number, stage: string): string => `${runLogName(runId)}/${stage}.log`;

interface LogJob {
  readonly runId: number;
  readonly run: PlannedRun;
  readonly stage: PlannedStage;
  readonly digest: string;
}

const imageRepositoryOf = (service: Service): string => service.imageRepository ?? `local/${service.name}`;

/**
 * Logs are kept DEMO_LOG_RETENTION_DAYS (as CI services keep them), and always for runs that did not
 * succeed — what people open logs for. Writing every log of the year would make opening the demo slow.
 */
export const DEMO_LOG_RETENTION_DAYS = 90;
const hasLog = (run: PlannedRun, stage: PlannedStage, now: number): boolean =>
  stage.startedAt !== null && (run.status !== 'succeeded' || run.createdAt > now - DEMO_LOG_RETENTION_DAYS * 86_400_000);

type StageEvent = { readonly at: number; readonly stage: PlannedStage; readonly step: 'start' | 'finish' };

function stageEvents(run: PlannedRun): StageEvent[] {
  const events = run.stages.flatMap((stage): StageEvent[] =>
    stage.startedAt === null ? [{ at: stage.finishedAt, stage, step: 'finish' }] : [{ at: stage.startedAt, stage, step: 'start' }, { at: stage.finishedAt, stage, step: 'finish' }]
  );
  return events.sort((a, b) => a.at - b.at || (a.step === b.step ? 0 : a.step === 'finish' ? -1 : 1));
}

/** Writes every record of the plan; `at` is the clock the transaction's writes read. */
function writeRecords(tx: StoreTransaction, service: Service, plan: DemoReleasePlan, setClock: (at: number) => void): LogJob[] {
  const repository = imageRepositoryOf(service);
  const jobs: LogJob[] = [];
  const prunes: { artifactId: number; at: number }[] = [];
  const artifactIds = new Map<string, number>();
  for (const run of plan.runs) {
    setClock(run.createdAt);
    const { id } = tx.runs.recordRun({ service: service.name, commitSha: run.commitSha, ref: run.ref, startedBy: run.startedBy, stages: run.stages.map(({ name, needs }) => ({ name, needs })) });
    setClock(run.startedAt);
    tx.runs.setRunStatus(id, 'running');
    for (const event of stageEvents(run)) {
      setClock(event.at);
      const { stage } = event;
      if (event.step === 'start') {
        tx.runs.setStageStatus(id, stage.name, { status: 'running' });
        continue;
      }
      const logFile = hasLog(run, stage, plan.now) ? demoLogFile(id, stage.name) : undefined;
      tx.runs.setStageStatus(id, stage.name, { status: stage.status, exitCode: stage.exitCode ?? undefined, logFile });
      if (logFile !== undefined) jobs.push({ runId: id, run, stage, digest: run.artifact?.digest ?? '' });
    }
    setClock(run.finishedAt);
    tx.runs.setRunStatus(id, run.status);
    if (run.artifact) {
      setClock(run.artifact.createdAt);
      const artifact = tx.artifacts.recordArtifact({
        service: service.name,
        imageRepository: repository,
        digest: run.artifact.digest,
        commitSha: run.artifact.commitSha,
        commitSubject: run.artifact.commitSubject,
        version: run.artifact.version,
        pipelineRunId: id
      });
      artifactIds.set(artifact.digest, artifact.id);
      if (run.artifact.prunedAt !== null) prunes.push({ artifactId: artifact.id, at: run.artifact.prunedAt });
    }
  }
  writeDeployments(tx, service, plan, artifactIds, setClock);
  // The weekly retention job: its prunes, and one audit entry per job that pruned something.
  const jobsByTime = new Map<number, number[]>();
  for (const prune of prunes.sort((a, b) => a.at - b.at)) jobsByTime.set(prune.at, [...(jobsByTime.get(prune.at) ?? []), prune.artifactId]);
  for (const [at, artifactIds] of jobsByTime) {
    setClock(at);
    for (const artifactId of artifactIds) tx.artifacts.recordPrune(artifactId, DEMO_PRUNER);
    tx.audit.append({
      actor: DEMO_PRUNER,
      action: 'artifacts.prune',
      subject: `service:${service.name}`,
      details: { pruned: artifactIds.length, keepLastN: DEMO_RETENTION.keepLast, keepDays: DEMO_RETENTION.keepDays, demo: true }
    });
  }
  return jobs;
}

/**
 * The releases to the environments the service has (the demo's: dev, staging, prod), through the same
 * release store the orchestrator writes: records, events with phases and weights, approvals, holds.
 */
function writeDeployments(tx: StoreTransaction, service: Service, plan: DemoReleasePlan, artifactIds: ReadonlyMap<string, number>, setClock: (at: number) => void): void {
  const environments = new Map(service.environments.map((environment) => [environment.name, environment]));
  const artifacts = plan.runs.flatMap((run) => (run.artifact ? [run.artifact] : []));
  const ids: (number | null)[] = [];
  const planned = planDemoDeployments(artifacts, plan.now);
  for (const deployment of planned) {
    const environment = environments.get(deployment.environment);
    if (!environment || !artifactIds.has(deployment.digest)) {
      ids.push(null);
      continue;
    }
    const [first, ...rest] = deployment.events;
    setClock(deployment.createdAt);
    const pending = first.status === 'pending-approval';
    const previousDigest = deployment.previousDigest !== null && artifactIds.has(deployment.previousDigest) ? deployment.previousDigest : null;
    const { id } = tx.releases.startRelease({
      service: service.name,
      environment: deployment.environment,
      digest: deployment.digest,
      previousDigest,
      strategy: deployment.strategy === 'recreate' ? 'rolling' : deployment.strategy,
      trigger: deployment.trigger,
      startedBy: deployment.startedBy,
      rollbackOfId: deployment.rollbackOf === null ? null : (ids[deployment.rollbackOf] ?? null),
      reason: deployment.reason,
      overrideReason: null,
      settings: environment.settings,
      status: pending ? 'pending-approval' : 'in-progress',
      pid: null,
      detail: first.detail
    });
    ids.push(id);
    if (deployment.approval) {
      setClock(deployment.approval.at);
      tx.releases.decideApproval(id, 'approved', deployment.approval.decidedBy, deployment.approval.comment);
      tx.releases.takeLock(id, deployment.approval.decidedBy, null);
    }
    for (const event of rest) {
      setClock(event.at);
      tx.releases.appendReleaseEvent(id, {
        status: event.status,
        phase: event.phase,
        detail: event.detail,
        canaryVerdict: event.canaryVerdict,
        weight: event.weight ?? null,
        step: event.step ?? null,
        actor: event.actor ?? null
      });
    }
    const undone = deployment.rollbackOf === null ? null : (ids[deployment.rollbackOf] ?? null);
    if (undone !== null && tx.releases.getRelease(undone)?.status !== 'rolled-back') {
      tx.releases.appendReleaseEvent(undone, { status: 'rolled-back', phase: 'rolled-back', detail: `undone by #${id}${deployment.reason ? `: ${deployment.reason}` : ''}` });
    }
    if (canariesWithSeries(planned).has(deployment)) {
      const versionOf = (digest: string | null) => artifacts.find((artifact) => artifact.digest === digest)?.version ?? 'unknown';
      recordDemoCanarySeries(
        tx,
        { deploymentId: id, service: service.name, environment: deployment.environment, version: versionOf(deployment.digest), previousVersion: versionOf(deployment.previousDigest) },
        canarySteps(deployment),
        { failsFromStep: deployment.events.some((event) => event.phase === 'failed') ? 2 : null, seed: id }
      );
    }
    if (deployment.hold) {
      tx.releases.placeHold(service.name, deployment.environment, { deploymentId: id, by: deployment.hold.by, reason: deployment.hold.reason });
      if (deployment.hold.released) {
        setClock(deployment.hold.released.at);
        tx.releases.releaseHold(service.name, deployment.environment, deployment.hold.released.by);
      }
    }
  }
}

/** The prod canaries whose analysis series are recorded: the last one that passed, and the one that failed. */
function canariesWithSeries(planned: readonly PlannedDeployment[]): ReadonlySet<PlannedDeployment> {
  const canaries = planned.filter((deployment) => deployment.environment === 'prod' && deployment.strategy === 'canary' && deployment.trigger === 'promotion');
  const passed = canaries.filter((deployment) => deployment.events.at(-1)?.status === 'succeeded').at(-1);
  const failed = canaries.filter((deployment) => deployment.events.some((event) => event.phase === 'failed'));
  return new Set([...(passed ? [passed] : []), ...failed]);
}

/** Each weight step of a canary: from the event before it to the event that reports it. */
function canarySteps(deployment: PlannedDeployment) {
  return deployment.events.flatMap((event, index) => {
    const before = deployment.events[index - 1];
    // At 100 % there is no baseline left to compare with.
    if (event.step === undefined || event.weight === undefined || event.weight >= 100 || !before) return [];
    return [{ step: event.step, weight: event.weight, startedAt: before.at, endedAt: event.at }];
  });
}

/** Writes the jobs' logs a few at a time, only those still empty; resolves with how many it wrote. */
async function writeLogs(logs: RunLogPort, repository: string, jobs: readonly LogJob[]): Promise<number> {
  let written = 0;
  const write = async (job: LogJob): Promise<void> => {
    const runId = runLogName(job.runId);
    // Checked even on the first write: another process opening the demo at the same moment may be
    // resuming these logs (the window between the check and the write is then a millisecond).
    if ((await logs.lineCount(runId, job.stage.name)) > 0) return;
    const writer = await logs.open(runId, job.stage.name);
    try {
      const portable = !job.run.stages.some((stage) => stage.name === 'install');
      await writer.append(demoStageLog({ stage: job.stage, portable, commitSha: job.run.commitSha, imageRepository: repository, digest: job.digest }));
    } finally {
      await writer.close();
    }
    written++;
  };
  // The last job (the newest artifact's run) is written after all others: its log marks the logs complete.
  const last = jobs.at(-1);
  const rest = jobs.slice(0, -1);
  const WIDTH = 16;
  let next = 0;
  await Promise.all(
    Array.from({ length: WIDTH }, async () => {
      while (next < rest.length) {
        const job = rest[next++];
        if (job) await write(job);
      }
    })
  );
  if (last) await write(last);
  return written;
}

/** Records the demo's release history once (see the module comment); `now` ends the story. */
export async function recordDemoReleases(service: Service, deps: DemoReleaseDeps, now: Date): Promise<DemoReleaseSummary> {
  const facts = await readDemoRepositoryFacts(service.repoPath);
  const plan = planDemoReleases(facts, now.getTime());
  const repository = imageRepositoryOf(service);
  const artifacts = plan.runs.flatMap((run) => (run.artifact ? [run.artifact] : []));
  const marker = artifacts[0];
  const newest = artifacts.at(-1);
  const summary = { runs: plan.runs.length, artifacts: artifacts.length, pruned: artifacts.filter((a) => a.prunedAt !== null).length };
  if (!marker || !newest) return { recorded: false, ...summary, logsWritten: 0 };

  let at = 0;
  const jobs = await deps.store.transaction(
    (tx) => (tx.artifacts.findArtifact(repository, marker.digest) ? null : writeRecords(tx, service, plan, (time) => (at = time))),
    { clock: () => new Date(at).toISOString() }
  );
  if (jobs !== null) {
    // The newest artifact's run last: see writeLogs.
    const newestRunId = jobs.find((job) => job.digest === newest.digest)?.runId;
    const ordered = [...jobs.filter((job) => job.runId !== newestRunId), ...jobs.filter((job) => job.runId === newestRunId)];
    return { recorded: true, ...summary, logsWritten: await writeLogs(deps.logs, repository, ordered) };
  }
  return { recorded: false, ...summary, logsWritten: await resumeLogs(service, deps, plan, newest.digest) };
}

/**
 * After a crash between the records and their logs: when the newest artifact's run lacks a log, maps the
 * recorded demo runs back to the plan (same order) and writes the logs still missing.
 */
async function resumeLogs(service: Service, deps: DemoReleaseDeps, plan: DemoReleasePlan, newestDigest: string): Promise<number> {
  const repository = imageRepositoryOf(service);
  const newest = deps.store.artifacts.findArtifact(repository, newestDigest);
  const newestRun = newest?.pipelineRunId == null ? null : deps.store.runs.getRun(newest.pipelineRunId);
  const lastStage = newestRun?.stages.filter((stage) => stage.logFile !== null).at(-1);
  if (!newestRun || !lastStage || (await deps.logs.lineCount(runLogName(newestRun.id), lastStage.name)) > 0) return 0;
  // Demo runs were recorded in plan order with consecutive ids ending at the newest artifact's run.
  const newestIndex = plan.runs.findIndex((run) => run.artifact?.digest === newestDigest);
  const firstId = newestRun.id - newestIndex;
  const jobs = plan.runs.flatMap((run, index) =>
    run.stages.filter((stage) => hasLog(run, stage, plan.now)).map((stage): LogJob => ({ runId: firstId + index, run, stage, digest: run.artifact?.digest ?? '' }))
  );
  const ordered = [...jobs.filter((job) => job.runId !== newestRun.id), ...jobs.filter((job) => job.runId === newestRun.id)];
  return writeLogs(deps.logs, repository, ordered);
}
