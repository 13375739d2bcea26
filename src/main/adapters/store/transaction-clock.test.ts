// A transaction's own clock: recorded history (the demo's year of releases) keeps its times.
import { describe, expect, it } from 'vitest';
import { openReleaseStore } from './sqlite-release-store';
import { audit, digest, newService, useTempDirs } from './testing/temp-store';

const tempDir = useTempDirs();

describe('a transaction with its own clock', () => {
  it('stamps every record written in it with the clock\'s time, and the store\'s clock comes back afterwards', async () => {
    const store = openReleaseStore(tempDir(), { now: () => '2030-01-01T00:00:00.000Z' });
    await store.workspace.addService(newService('api'), audit('service.add'));
    let at = '2024-03-01T10:00:00.000Z';
    const { runId, artifactId } = await store.transaction(
      (tx) => {
        const run = tx.runs.recordRun({ service: 'api', commitSha: 'a'.repeat(40), ref: 'main', startedBy: 'demo:watch', stages: [{ name: 'build', needs: [] }] });
        at = '2024-03-01T10:00:05.000Z';
        tx.runs.setRunStatus(run.id, 'running');
        tx.runs.setStageStatus(run.id, 'build', { status: 'running' });
        at = '2024-03-01T10:02:00.000Z';
        tx.runs.setStageStatus(run.id, 'build', { status: 'succeeded' });
        tx.runs.setRunStatus(run.id, 'succeeded');
        const artifact = tx.artifacts.recordArtifact({ service: 'api', imageRepository: 'r/api', digest: digest(1), commitSha: 'a'.repeat(40), version: null, pipelineRunId: run.id });
        at = '2024-06-02T03:00:00.000Z';
        tx.artifacts.recordPrune(artifact.id, 'demo:retention');
        return { runId: run.id, artifactId: artifact.id };
      },
      { clock: () => at }
    );
    expect(store.runs.getRun(runId)).toMatchObject({
      createdAt: '2024-03-01T10:00:00.000Z',
      startedAt: '2024-03-01T10:00:05.000Z',
      finishedAt: '2024-03-01T10:02:00.000Z',
      stages: [{ startedAt: '2024-03-01T10:00:05.000Z', finishedAt: '2024-03-01T10:02:00.000Z' }]
    });
    const artifact = store.artifacts.findArtifact('r/api', digest(1));
    expect(artifact).toMatchObject({ id: artifactId, createdAt: '2024-03-01T10:02:00.000Z', pruned: { by: 'demo:retention', at: '2024-06-02T03:00:00.000Z' } });

    const later = await store.runs.recordRun({ service: 'api', commitSha: 'b'.repeat(40), ref: 'main', startedBy: 'ana', stages: [] });
    expect(later.createdAt).toBe('2030-01-01T00:00:00.000Z');
    store.close();
  });
});
