import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../../../shared/domain/pipeline/parse-pipeline';
import { PORTABLE_PIPELINE, pipelineFile, NO_PIPELINE_FEATURES } from '../demo-build-files';
import type { PlannedStage, StageOutcome } from './demo-release-plan';
import { demoStageLog } from './demo-stage-logs';

const SHA = 'ab12cd34'.repeat(5);
const DIGEST = `sha256:${'e'.repeat(64)}`;

function stage(pipeline: string, name: string, outcome: StageOutcome, exitCode: number | null = null): PlannedStage {
  const parsed = parsePipeline(pipeline);
  if (!parsed.ok) throw new Error('invalid pipeline');
  const definition = parsed.definition.stages.find((candidate) => candidate.name === name);
  if (!definition) throw new Error(`no stage ${name}`);
  const status = outcome === 'interrupted' ? 'cancelled' : outcome;
  return { name, needs: definition.needs, definition, status, outcome, exitCode, startedAt: 1_000, finishedAt: 43_500 };
}
const log = (planned: PlannedStage, portable: boolean) => demoStageLog({ stage: planned, portable, commitSha: SHA, imageRepository: '127.0.0.1:5000/shop/api', digest: DIGEST });
const NPM = pipelineFile(NO_PIPELINE_FEATURES);

describe('demo stage logs', () => {
  it('start and end with the runner\'s own lines, as a real run\'s log does', () => {
    const lines = log(stage(NPM, 'test', 'succeeded', 0), false);
    expect(lines[0]).toEqual({ stream: 'system', text: '$ npm test' });
    expect(lines.at(-1)).toEqual({ stream: 'system', text: 'succeeded in 42.5 s' });
    expect(log(stage(NPM, 'test', 'succeeded', 0), false)).toEqual(lines); // deterministic
  });

  it('show the error of a failed stage in red on stderr, and its exit code', () => {
    const lines = log(stage(NPM, 'test', 'failed', 1), false);
    expect(lines.some((line) => line.stream === 'stderr' && line.text.includes('\x1b[31m') && line.text.includes('FAIL'))).toBe(true);
    expect(lines.at(-1)?.text).toBe('exited with code 1');
    const build = log(stage(PORTABLE_PIPELINE, 'build', 'failed'), true);
    expect(build.some((line) => line.stream === 'stderr' && line.text.startsWith('COPY failed'))).toBe(true);
    expect(build.some((line) => line.text.startsWith('Successfully built'))).toBe(false);
  });

  it('print what the pipeline of the commit runs: npm and node before, sh checks and busybox after', () => {
    expect(log(stage(NPM, 'build', 'succeeded'), false).map((line) => line.text)).toContain('Step 1/8 : FROM node:20-alpine');
    const portable = log(stage(PORTABLE_PIPELINE, 'build', 'succeeded'), true).map((line) => line.text);
    expect(portable).toContain('Step 1/6 : FROM busybox:1.36');
    expect(portable).toContain(`Successfully tagged 127.0.0.1:5000/shop/api:${SHA}`);
    expect(log(stage(PORTABLE_PIPELINE, 'test', 'succeeded', 0), true).map((line) => line.text)).toContain('4 passed, 0 failed');
    expect(log(stage(PORTABLE_PIPELINE, 'push', 'succeeded'), true).at(-2)?.text).toContain(`digest: ${DIGEST}`);
  });

  it('end a stopped stage early, saying why it stopped', () => {
    const full = log(stage(NPM, 'install', 'succeeded', 0), false);
    const cancelled = log(stage(NPM, 'install', 'cancelled'), false);
    expect(cancelled.length).toBeLessThan(full.length);
    expect(cancelled.at(-1)?.text).toBe('cancelled; the stage was stopped');
    expect(log(stage(NPM, 'build', 'interrupted'), false).at(-1)?.text).toMatch(/^interrupted: /);
  });
});
