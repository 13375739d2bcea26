import { describe, expect, it } from 'vitest';
import type { PipelineRun } from '../../../../shared/domain/pipeline-runs';
import { defaultStage, formatDuration, triggerLabel } from './run-format';

const stage = (name: string, status: PipelineRun['stages'][number]['status'], startedAt: string | null = null) => ({
  name,
  position: 0,
  needs: [],
  status,
  exitCode: null,
  logFile: null,
  startedAt,
  finishedAt: null,
  message: null,
  logLines: null,
  output: null
});
const run = (stages: PipelineRun['stages']): PipelineRun => ({
  id: 1,
  service: 'api',
  commitSha: 'a'.repeat(40),
  ref: 'main',
  startedBy: 'manual:ana',
  status: 'running',
  createdAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  finishedAt: null,
  error: null,
  rerunOf: null,
  testSummary: null,
  stages
});

describe('run formatting', () => {
  it('formats durations with tenths under ten seconds, then minutes and hours', () => {
    expect([formatDuration(420), formatDuration(9_949), formatDuration(61_000), formatDuration(3_725_000)]).toEqual(['0.4s', '9.9s', '1m 1s', '1h 2m']);
  });

  it('says who or what started a run', () => {
    expect([triggerLabel('manual:ana'), triggerLabel('watch:main'), triggerLabel('rerun:bo'), triggerLabel('api')]).toEqual(['manual · ana', 'watch main', 're-run by bo', 'api']);
  });

  it('shows the running stage first, else the first failure, else the last that ran', () => {
    expect(defaultStage(run([stage('a', 'succeeded', 't'), stage('b', 'running', 't')]))).toBe('b');
    expect(defaultStage(run([stage('a', 'succeeded', 't'), stage('b', 'failed', 't'), stage('c', 'timed-out', 't')]))).toBe('b');
    expect(defaultStage(run([stage('a', 'succeeded', 't'), stage('b', 'succeeded', 't'), stage('c', 'skipped')]))).toBe('b');
    expect(defaultStage(run([]))).toBeNull();
  });
});
