// The retention plan over a real SQLite store: deployments recorded through the deployments store decide
// what is deployed and which artifacts are rollback candidates.
import { describe, expect, it } from 'vitest';
import { openReleaseStore } from '../../adapters/store/sqlite-release-store';
import { audit, digest, newService, steppingClock, useTempDirs } from '../../adapters/store/testing/temp-store';
import { createRetentionPlanner } from './retention-planner';

const tempDir = useTempDirs();

describe('retention planner', () => {
  it('keeps what runs in each environment and its last K, the newest N and the young; plans the rest', async () => {
    const store = openReleaseStore(tempDir(), { now: steppingClock(Date.parse('2026-01-01T00:00:00Z')) });
    await store.workspace.addService(newService('api'), audit('service.add'));
    const ids: number[] = [];
    for (let i = 1; i <= 8; i++) {
      const recorded = await store.artifacts.recordArtifact({
        service: 'api', imageRepository: '127.0.0.1:5000/shop/api', digest: digest(i), commitSha: String(i).repeat(40), version: null, pipelineRunId: null
      });
      ids.push(recorded.id);
    }
    const deploy = async (environment: string, index: number, status: 'succeeded' | 'failed' | 'in-progress') => {
      const deployment = await store.deployments.recordDeployment({
        service: 'api', environment, artifactId: ids[index] ?? 0, previousArtifactId: null, strategy: 'rolling', startedBy: 't', rollbackOfId: null, status: 'in-progress'
      });
      if (status !== 'in-progress') await store.deployments.appendEvent(deployment.id, { status });
    };
    await deploy('prod', 0, 'succeeded');
    await deploy('prod', 1, 'succeeded');
    await deploy('prod', 2, 'succeeded'); // prod runs #3; #2 and #1 are its rollback candidates
    await deploy('dev', 4, 'failed'); // a failed deployment protects nothing
    await deploy('dev', 5, 'in-progress'); // under way: counts as deployed
    await store.artifacts.setRetentionPolicy('api', { keepLast: 1, keepDays: 0, keepPerEnvironment: 2 }, 't');
    await store.artifacts.recordPrune(ids[6] ?? 0, 't'); // already pruned: not part of the plan

    const planner = createRetentionPlanner({ artifacts: store.artifacts, deployments: store.deployments, workspace: store.workspace, now: () => new Date('2026-06-01T00:00:00Z') });
    const plan = planner.plan('api');
    expect(plan.prune.map((a) => a.id)).toEqual([ids[0], ids[3], ids[4]]);
    const view = planner.view('api', plan);
    expect(Object.fromEntries(view.keep.map((k) => [k.artifact.id, k.reasons.join('; ')]))).toEqual({
      [ids[7] ?? 0]: 'among the newest 1 (#1)',
      [ids[5] ?? 0]: 'deployed to dev',
      [ids[2] ?? 0]: 'deployed to prod',
      [ids[1] ?? 0]: 'rollback candidate in prod (#2 of the last 2)'
    });
    store.close();
  });
});
