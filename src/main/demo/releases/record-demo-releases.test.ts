// The demo's release history, recorded into a real SQLite store from a real demo repository, with its
// logs on disk through the run-logs adapter.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDemoActor } from '../../../shared/domain/demo-data';
import type { Artifact } from '../../../shared/domain/artifacts';
import type { PipelineRun } from '../../../shared/domain/pipeline-runs';
import { parsePipeline } from '../../../shared/domain/pipeline/parse-pipeline';
import { parseSemVer } from '../../../shared/domain/semver';
import type { Service } from '../../../shared/domain/workspace';
import { git, makeTempDir, removeDir } from '../../adapters/git/testing/temp-repository';
import { createRunLogAdapter, runLogsFolder } from '../../adapters/logs/run-log-adapter';
import { openReleaseStore, type SqliteReleaseStore } from '../../adapters/store/sqlite-release-store';
import { createDemoRepository } from '../create-demo-repository';
import { DEMO_RETENTION } from './demo-release-plan';
import { DEMO_LOG_RETENTION_DAYS, recordDemoReleases, type DemoReleaseSummary } from './record-demo-releases';
import { runLogName } from '../../../shared/domain/pipeline-runs';

const NOW = new Date('2025-06-02T09:30:00Z');
const ENVIRONMENTS = [
  { name: 'dev', targetKind: 'docker', requiresApproval: false },
  { name: 'staging', targetKind: 'kubernetes', requiresApproval: false },
  { name: 'prod', targetKind: 'gitops', requiresApproval: true },
  { name: 'k8s-emulator', targetKind: 'kubernetes', requiresApproval: false }
] as const;
const DAY = 86_400_000;

let root: string;
let repoPath: string;
let dataDir: string;
let store: SqliteReleaseStore;
let service: Service;
let first: DemoReleaseSummary;
let runs: PipelineRun[];
let artifacts: Artifact[];
const logs = () => createRunLogAdapter(dataDir);

beforeAll(async () => {
  root = makeTempDir('shipdeck-demo-releases-');
  repoPath = path.join(root, 'shop-api');
  dataDir = path.join(root, 'data');
  await createDemoRepository(repoPath, { now: NOW });
  store = openReleaseStore(dataDir);
  service = await store.workspace.addService(
    { name: 'shop-api', repoPath, imageRepository: '127.0.0.1:5000/shop/api', pipelineFile: '.shipdeck/pipeline.yml', environments: ENVIRONMENTS },
    { actor: 'ana', action: 'service.add', subject: 'service:shop-api', details: {} }
  );
  first = await recordDemoReleases(service, { store, logs: logs() }, NOW);
  runs = [...store.runs.listRuns('shop-api', { limit: 1000 }).items].reverse();
  artifacts = [...store.artifacts.listArtifacts('shop-api', { limit: 1000 }).items].reverse();
}, 60_000);
afterAll(() => {
  store.close();
  removeDir(root);
});

describe('the demo release history', () => {
  it('records a year of runs, most succeeded, some failed at test or lint, some cancelled, one interrupted', () => {
    expect(first).toMatchObject({ recorded: true, runs: runs.length, artifacts: artifacts.length });
    expect(runs.length).toBeGreaterThanOrEqual(100);
    const count = (status: string) => runs.filter((run) => run.status === status).length;
    expect(count('succeeded') / runs.length).toBeGreaterThan(0.75);
    expect(count('failed')).toBeGreaterThanOrEqual(5);
    expect(count('cancelled')).toBeGreaterThanOrEqual(1);
    expect(count('interrupted')).toBe(1);
    const failedAt = new Set(runs.filter((run) => run.status === 'failed').flatMap((run) => run.stages.filter((s) => s.status === 'failed').map((s) => s.name)));
    expect([...failedAt]).toEqual(expect.arrayContaining(['test', 'lint']));
    // Failed test and lint stages exit 1; what needed them was skipped.
    for (const run of runs.filter((r) => r.status === 'failed')) {
      const failed = run.stages.find((stage) => stage.status === 'failed');
      if (failed?.name === 'test' || failed?.name === 'lint') expect(failed.exitCode).toBe(1);
      expect(run.stages.find((stage) => stage.name === 'push')?.status).toBe('skipped');
    }
    // A year back, in order, with real durations, marked as demo data.
    const created = runs.map((run) => Date.parse(run.createdAt));
    expect(Math.min(...created)).toBeLessThan(NOW.getTime() - 250 * DAY);
    expect(Math.max(...created)).toBeLessThan(NOW.getTime());
    expect(created).toEqual([...created].sort((a, b) => a - b));
    for (const run of runs) {
      expect(isDemoActor(run.startedBy)).toBe(true);
      const seconds = (Date.parse(run.finishedAt ?? '') - Date.parse(run.startedAt ?? '')) / 1000;
      expect(seconds).toBeGreaterThan(run.status === 'succeeded' ? 30 : 0);
      expect(seconds).toBeLessThan(15 * 60);
    }
  });

  it('runs the stages of the pipeline file at each run\'s commit, in the order the runner would', () => {
    for (const run of runs.filter((_, index) => index % 9 === 0 || index === runs.length - 1)) {
      const parsed = parsePipeline(git(repoPath, ['show', `${run.commitSha}:.shipdeck/pipeline.yml`]));
      if (!parsed.ok) throw new Error('the demo pipeline file is invalid');
      expect(run.stages.map((stage) => stage.name)).toEqual(parsed.definition.stages.map((stage) => stage.name));
      for (const stage of run.stages) {
        for (const need of stage.needs) {
          const before = run.stages.find((s) => s.name === need);
          if (stage.startedAt !== null) expect(Date.parse(before?.finishedAt ?? '')).toBeLessThanOrEqual(Date.parse(stage.startedAt));
        }
      }
    }
    // The newest run of main is its tip, green, with the pipeline that runs anywhere Docker does.
    const tip = runs.filter((run) => run.ref === 'main').at(-1);
    expect(tip?.commitSha).toBe(git(repoPath, ['rev-parse', 'main']).trim());
    expect(tip?.status).toBe('succeeded');
    expect(tip?.stages.map((stage) => stage.name)).toEqual(['test', 'lint', 'build', 'push']);
  });

  it('has the open feature branch run by hand by its author: the first commit fails its tests, the next ones pass', () => {
    const feature = runs.filter((run) => run.ref === 'feature/gift-cards');
    expect(feature.map((run) => run.commitSha)).toEqual(git(repoPath, ['rev-list', '--reverse', 'main..feature/gift-cards']).trim().split('\n'));
    expect(feature.map((run) => run.status)).toEqual(['failed', ...feature.slice(1).map(() => 'succeeded')]);
    expect(new Set(feature.map((run) => run.startedBy))).toEqual(new Set(['demo:amara-o']));
  });

  it('records an artifact for every release tag and most main commits, versioned by their tags, with deterministic digests', () => {
    const tags = git(repoPath, ['for-each-ref', 'refs/tags', '--format=%(refname:strip=2) %(*objectname)%(objectname)'])
      .trim()
      .split('\n')
      .map((line) => line.split(' ') as [string, string])
      .filter(([name]) => parseSemVer(name) !== null);
    expect(tags.length).toBeGreaterThanOrEqual(20);
    for (const [name, target] of tags) {
      const artifact = artifacts.find((candidate) => candidate.version === name.replace(/^v/, ''));
      expect(artifact?.commitSha, name).toBe(target.slice(0, 40));
    }
    expect(artifacts.filter((artifact) => artifact.version === null).length).toBeGreaterThan(60);
    for (const artifact of artifacts) {
      expect(artifact.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(artifact.imageRepository).toBe('127.0.0.1:5000/shop/api');
      const run = runs.find((candidate) => candidate.id === artifact.pipelineRunId);
      expect(run?.commitSha).toBe(artifact.commitSha);
      expect(run?.status).toBe('succeeded');
      expect(Date.parse(artifact.createdAt)).toBeLessThanOrEqual(Date.parse(run?.finishedAt ?? ''));
    }
    expect(new Set(artifacts.map((artifact) => artifact.digest)).size).toBe(artifacts.length);
  });

  it('prunes unversioned artifacts older than the retention window, with prune records and audit entries', () => {
    const pruned = artifacts.filter((artifact) => artifact.pruned !== null);
    expect(pruned.length).toBeGreaterThan(10);
    expect(pruned.length).toBe(first.pruned);
    for (const artifact of pruned) {
      expect(artifact.version).toBeNull();
      expect(artifact.pruned?.by).toBe('demo:retention');
      expect(Date.parse(artifact.pruned?.at ?? '')).toBeGreaterThanOrEqual(Date.parse(artifact.createdAt) + DEMO_RETENTION.keepDays * DAY);
      expect(Date.parse(artifact.pruned?.at ?? '')).toBeLessThan(NOW.getTime());
    }
    // The newest are kept whatever their age, and every release.
    expect(artifacts.slice(-DEMO_RETENTION.keepLast).every((artifact) => artifact.pruned === null)).toBe(true);
    expect(artifacts.filter((artifact) => artifact.version !== null).every((artifact) => artifact.pruned === null)).toBe(true);
    const audit = store.audit.list(500).filter((entry) => entry.action === 'artifacts.prune');
    expect(audit.reduce((sum, entry) => sum + Number(entry.details.pruned), 0)).toBe(pruned.length);
    expect(audit.every((entry) => entry.actor === 'demo:retention')).toBe(true);
  });

  it('writes the stages\' logs, readable by line and searchable: recent runs, and every run that did not succeed', async () => {
    const port = logs();
    const withLogs = runs.flatMap((run) => run.stages.filter((stage) => stage.logFile !== null).map((stage) => ({ run, stage })));
    expect(withLogs.length).toBe(first.logsWritten);
    for (const run of runs.filter((r) => r.status !== 'succeeded' || Date.parse(r.createdAt) > NOW.getTime() - DEMO_LOG_RETENTION_DAYS * DAY)) {
      for (const stage of run.stages) expect(stage.logFile !== null, `${run.id} ${stage.name}`).toBe(stage.startedAt !== null);
    }
    for (const { run, stage } of withLogs.filter((_, index) => index % 7 === 0)) {
      expect(stage.logFile).toBe(`run-${run.id}/${stage.name}.log`);
      const count = await port.lineCount(runLogName(run.id), stage.name);
      expect(count).toBeGreaterThanOrEqual(3);
      const [firstLine] = await port.read(runLogName(run.id), stage.name, 1, 1);
      expect(firstLine?.stream).toBe('system');
      const [lastLine] = await port.read(runLogName(run.id), stage.name, count, 1);
      expect(lastLine?.stream).toBe('system');
      if (stage.status === 'succeeded') expect(lastLine?.text).toMatch(/^succeeded in \d+\.\d s$/);
    }
    const failedTest = runs.flatMap((run) => run.stages.filter((stage) => stage.name === 'test' && stage.status === 'failed').map(() => run))[0];
    if (!failedTest) throw new Error('no failed test stage');
    const found = await port.search(runLogName(failedTest.id), 'test', { text: 'FAIL' });
    expect(found.matches.length).toBeGreaterThan(0);
    const all = await port.read(runLogName(failedTest.id), 'test', 1, 500);
    expect(all.some((line) => line.text.includes('\x1b[31m'))).toBe(true);
    expect(all.at(-1)?.text).toBe('exited with code 1');
  });

  it('records releases: main builds to dev, releases promoted to staging, approved canaries to prod, one manual and one automatic rollback', () => {
    const list = (environment: string) => [...store.releases.listReleases('shop-api', environment, { limit: 500 }).items].reverse();
    const byId = new Map(artifacts.map((artifact) => [artifact.id, artifact]));
    const dev = list('dev');
    expect(dev.length).toBeGreaterThanOrEqual(3);
    expect(dev.every((d) => d.status === 'succeeded' && d.startedBy === 'demo:watch' && d.trigger === 'branch-watch' && byId.get(d.artifactId)?.version === null)).toBe(true);
    const staging = list('staging');
    const stagingForward = staging.filter((d) => d.trigger !== 'rollback');
    expect(stagingForward.map((d) => byId.get(d.artifactId)?.version)).toEqual(artifacts.flatMap((a) => (a.version === null ? [] : [a.version])));
    // The manual rollback: rc.1 undone by a person, with a reason, and the environment held until the next release.
    const manual = staging.filter((d) => d.trigger === 'rollback');
    expect(manual).toHaveLength(1);
    const undone = store.releases.getRelease(manual[0]?.rollbackOfId ?? 0);
    expect(undone?.version).toBe('1.5.0-rc.1');
    expect(undone?.status).toBe('rolled-back');
    expect(manual[0]?.reason).toMatch(/checkout/);
    expect(manual[0]?.digest).toBe(undone?.previousDigest);
    expect(store.releases.hold('shop-api', 'staging')).toBeNull(); // released before rc.2 went out
    const prod = list('prod');
    const canaries = prod.filter((d) => d.trigger === 'promotion');
    expect(canaries.every((d) => d.version !== null && !d.version.includes('-') && d.strategy === 'canary')).toBe(true);
    expect(canaries.filter((d) => d.status === 'rolled-back').map((d) => [d.version, d.canaryVerdict])).toEqual([['1.3.0', 'fail']]);
    const automatic = prod.filter((d) => d.trigger === 'automatic-rollback');
    expect(automatic).toHaveLength(1);
    expect(automatic[0]?.rollbackOfId).toBe(canaries.find((d) => d.version === '1.3.0')?.id);
    expect(automatic[0]?.startedBy).toBe('shipdeck');
    for (const deployment of canaries) {
      const detail = store.releases.getRelease(deployment.id);
      expect(detail?.events[0]?.phase).toBe('approval-requested');
      expect(detail?.approvals).toHaveLength(1);
      expect(detail?.approvals[0]?.decidedBy).not.toBe(deployment.startedBy);
      expect(isDemoActor(detail?.approvals[0]?.decidedBy ?? '')).toBe(true);
    }
    // Each canary names the artifact prod ran before (a rolled-back one never counts).
    let running: string | null = null;
    for (const deployment of prod) {
      if (deployment.trigger === 'promotion') expect(deployment.previousDigest).toBe(running);
      if (deployment.status === 'succeeded') running = deployment.digest;
    }
    expect(store.releases.currentRelease('shop-api', 'prod')?.digest).toBe(running);
    // Nothing is left locked, and nothing deployed was pruned.
    for (const env of ['dev', 'staging', 'prod']) expect(store.releases.lock('shop-api', env)).toBeNull();
    for (const deployment of [...dev, ...staging, ...prod]) expect(byId.get(deployment.artifactId)?.pruned).toBeNull();
  });

  it("takes the last prod releases on to the Kubernetes emulator's environment, rolling, ending with what prod runs", () => {
    const cluster = [...store.releases.listReleases('shop-api', 'k8s-emulator', { limit: 50 }).items].reverse();
    const prodReleases = [...store.releases.listReleases('shop-api', 'prod', { limit: 500 }).items].filter((d) => d.trigger === 'promotion' && d.status === 'succeeded').reverse();
    expect(cluster.map((d) => d.digest)).toEqual(prodReleases.slice(-3).map((d) => d.digest));
    expect(cluster.every((d) => d.status === 'succeeded' && d.strategy === 'rolling' && d.trigger === 'promotion')).toBe(true);
    expect(cluster.slice(1).map((d) => d.previousDigest)).toEqual(cluster.slice(0, -1).map((d) => d.digest));
    expect(store.releases.currentRelease('shop-api', 'k8s-emulator')?.digest).toBe(store.releases.currentRelease('shop-api', 'prod')?.digest);
    for (const [index, release] of cluster.entries()) expect(release.createdAt > (prodReleases.at(index - 3)?.createdAt ?? '')).toBe(true);
  });

  it('records the canary series of the last passed canary and of the failed one, judged by the judge, for the charts offline', () => {
    const prod = [...store.releases.listReleases('shop-api', 'prod', { limit: 500 }).items].filter((d) => d.trigger === 'promotion');
    const failed = prod.find((d) => d.version === '1.3.0');
    const passed = prod.filter((d) => d.status === 'succeeded')[0];
    const failedAnalysis = store.analysis.analysisOf(failed?.id ?? 0);
    expect(failedAnalysis.steps.map((step) => step.weight)).toEqual([5, 25]);
    expect(failedAnalysis.verdicts.map((v) => v.verdict.verdict)).toEqual(['pass', 'fail']);
    expect(failedAnalysis.verdicts[1]?.verdict.metrics.find((m) => m.metric === 'error-rate')?.verdict).toBe('fail');
    const passedAnalysis = store.analysis.analysisOf(passed?.id ?? 0);
    expect(passedAnalysis.steps.map((step) => step.weight)).toEqual([5, 25, 50]);
    expect(passedAnalysis.verdicts.every((v) => v.verdict.verdict === 'pass')).toBe(true);
    expect(passedAnalysis.series.filter((chunk) => chunk.metric === 'latency-p95' && chunk.role === 'canary').every((chunk) => chunk.points.length >= 10)).toBe(true);
  });

  it('is the same story in another data folder, from the same repository (deterministic)', async () => {
    const otherDir = path.join(root, 'other-data');
    const other = openReleaseStore(otherDir);
    try {
      const otherService = await other.workspace.addService(
        { name: 'shop-api', repoPath, imageRepository: '127.0.0.1:5000/shop/api', pipelineFile: '.shipdeck/pipeline.yml', environments: ENVIRONMENTS },
        { actor: 'ana', action: 'service.add', subject: 'service:shop-api', details: {} }
      );
      await recordDemoReleases(otherService, { store: other, logs: createRunLogAdapter(otherDir) }, NOW);
      const shape = (run: PipelineRun) => [run.commitSha, run.ref, run.startedBy, run.status, run.createdAt, run.finishedAt, run.stages.map((s) => [s.name, s.status, s.exitCode, s.startedAt])];
      expect([...other.runs.listRuns('shop-api', { limit: 1000 }).items].reverse().map(shape)).toEqual(runs.map(shape));
      const otherArtifacts = [...other.artifacts.listArtifacts('shop-api', { limit: 1000 }).items].reverse();
      expect(otherArtifacts.map((a) => [a.digest, a.version, a.createdAt, a.pruned])).toEqual(artifacts.map((a) => [a.digest, a.version, a.createdAt, a.pruned]));
      const [someRun] = runs.filter((run) => run.status === 'failed');
      const id = runLogName(someRun?.id ?? 0);
      expect((await logs().read(id, 'test', 1, 100)).length).toBeGreaterThan(0);
      expect(await createRunLogAdapter(otherDir).read(id, 'test', 1, 100)).toEqual(await logs().read(id, 'test', 1, 100));
    } finally {
      other.close();
    }
  });

  it("keeps each artifact's commit subject, so the catalogue can search demo artifacts by message", () => {
    const rows = artifacts.map((artifact) => store.artifacts.getArtifactRow(artifact.id));
    expect(rows.every((row) => row !== null && row.commitSubject.length > 0)).toBe(true);
    const [first] = artifacts;
    const subject = git(repoPath, ['log', '-1', '--format=%s', first?.commitSha ?? '']).trim();
    expect(store.artifacts.getArtifactRow(first?.id ?? 0)?.commitSubject).toBe(subject);
  });

  it('records nothing on a second open, and finishes logs a crash left unwritten', async () => {
    const again = await recordDemoReleases(service, { store, logs: logs() }, new Date(NOW.getTime() + DAY));
    expect(again).toMatchObject({ recorded: false, logsWritten: 0 });
    expect(store.runs.listRuns('shop-api', { limit: 1000 }).items).toHaveLength(runs.length);
    expect(store.artifacts.listArtifacts('shop-api', { limit: 1000 }).items).toHaveLength(artifacts.length);

    // A crash after the records committed, before (some of) the logs were written.
    const lost = runs.slice(-5);
    for (const run of lost) rmSync(path.join(runLogsFolder(dataDir), runLogName(run.id)), { recursive: true, force: true });
    const resumed = await recordDemoReleases(service, { store, logs: logs() }, NOW);
    expect(resumed.recorded).toBe(false);
    expect(resumed.logsWritten).toBe(lost.flatMap((run) => run.stages.filter((stage) => stage.logFile !== null)).length);
    expect(await logs().lineCount(runLogName(lost[4]?.id ?? 0), 'push')).toBeGreaterThan(3);
  });
});
