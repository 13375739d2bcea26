import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../../shared/domain/pipeline/parse-pipeline';
import { pipelineFile, portableBuildFiles, VERSIONED_FILES, type PipelineFeatures } from './demo-build-files';

describe('the demo pipeline file', () => {
  it('passes the pipeline file validation with every combination of features the demo history switches on', () => {
    for (let bits = 0; bits < 16; bits++) {
      const features: PipelineFeatures = { npmCache: (bits & 1) > 0, imageScan: (bits & 2) > 0, testTimeout: (bits & 4) > 0, migrationCheck: (bits & 8) > 0 };
      const result = parsePipeline(pipelineFile(features));
      if (!result.ok) throw new Error(`${JSON.stringify(features)}: ${JSON.stringify(result.problems)}`);
      const names = result.definition.stages.map((stage) => stage.name);
      expect(names.slice(0, 3)).toEqual(['install', 'lint', 'test']);
      expect(result.definition.stages.at(-1)).toMatchObject({ kind: 'push', build: 'build' });
      expect(names.includes('scan')).toBe(features.imageScan);
    }
  });
});

describe('the demo image\'s behaviour', () => {
  it('is healthy in a released version and regressed in the live demo\'s newer build, which rewrites it', () => {
    expect(portableBuildFiles('1.8.0').get('behaviour')).toMatch(/^ERRORS_PER_10000=50$/m);
    expect(portableBuildFiles('1.8.0').get('behaviour')).toMatch(/^LATENCY_SPREAD_US=47000$/m);
    expect(portableBuildFiles('1.9.0-live').get('behaviour')).toMatch(/^ERRORS_PER_10000=500$/m);
    expect(portableBuildFiles('1.9.0-live').get('behaviour')).toMatch(/^LATENCY_SPREAD_US=94000$/m);
    expect(VERSIONED_FILES).toContain('behaviour');
  });

  it('goes into the image with the CGI that serves / and /metrics', () => {
    const files = portableBuildFiles('1.8.0');
    expect(files.get('.dockerignore')).toMatch(/^!behaviour$/m);
    expect(files.get('Dockerfile')).toMatch(/^COPY behaviour \/srv\/behaviour$/m);
    expect(files.get('www/cgi-bin/index.cgi')).toContain('. /srv/behaviour');
  });
});
