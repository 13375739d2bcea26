import { describe, expect, it } from 'vitest';
import { parsePipeline } from '../../shared/domain/pipeline/parse-pipeline';
import { pipelineFile, type PipelineFeatures } from './demo-build-files';

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
