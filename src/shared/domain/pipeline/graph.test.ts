import { describe, expect, it } from 'vitest';
import { ancestors, dependents, findCycle, topologicalLevels } from './graph';

const node = (name: string, ...needs: string[]) => ({ name, needs });

describe('pipeline graph', () => {
  const diamond = [node('test'), node('lint'), node('build', 'test', 'lint'), node('scan', 'build'), node('push', 'scan', 'test')];

  it('groups stages into topological levels in file order', () => {
    expect(topologicalLevels(diamond)).toEqual([['test', 'lint'], ['build'], ['scan'], ['push']]);
    expect(topologicalLevels([node('b', 'a'), node('a'), node('c')])).toEqual([['a', 'c'], ['b']]);
  });

  it('finds no cycle in a DAG, and names the cycle when there is one', () => {
    expect(findCycle(diamond)).toBeNull();
    expect(findCycle([node('a', 'b'), node('b', 'a')])).toEqual(['a', 'b', 'a']);
    expect(findCycle([node('x'), node('a', 'x', 'c'), node('b', 'a'), node('c', 'b')])).toEqual(['a', 'c', 'b', 'a']);
    expect(findCycle([node('a', 'a')])).toEqual(['a', 'a']);
    expect(findCycle([node('a', 'missing')])).toBeNull();
  });

  it('lists ancestors and dependents through other stages', () => {
    expect([...ancestors(diamond, 'push')].sort()).toEqual(['build', 'lint', 'scan', 'test']);
    expect([...dependents(diamond, 'lint')].sort()).toEqual(['build', 'push', 'scan']);
    expect(dependents(diamond, 'push').size).toBe(0);
  });
});
