import { describe, expect, it } from 'vitest';
import { layoutStages } from './stage-layout';

describe('layoutStages', () => {
  it('places stages by dependency level, in file order within a level', () => {
    expect(
      layoutStages([
        { name: 'test', needs: [] },
        { name: 'lint', needs: [] },
        { name: 'build', needs: ['test', 'lint'] },
        { name: 'docs', needs: ['lint'] },
        { name: 'push', needs: ['build'] }
      ])
    ).toEqual([
      { name: 'test', level: 0, row: 0 },
      { name: 'lint', level: 0, row: 1 },
      { name: 'build', level: 1, row: 0 },
      { name: 'docs', level: 1, row: 1 },
      { name: 'push', level: 2, row: 0 }
    ]);
  });

  it('ignores needs naming no stage and survives a cycle', () => {
    expect(layoutStages([{ name: 'a', needs: ['ghost', 'b'] }, { name: 'b', needs: ['a'] }]).map((s) => s.level)).toEqual([1, 0]);
  });
});
