import { describe, expect, it } from 'vitest';
import { boardColumns, promoteOption, rowCells, unreadTargets } from './board-layout';
import { artifactLabel } from './release-format';
import { digestOf, environment } from './release-fixtures';

const service = (name: string, envs: readonly string[]) => ({
  service: name,
  environments: envs.map((env, position) => environment({ service: name, environment: env, position }))
});

describe('board columns', () => {
  it('follow the promotion order, not the order the records came in', () => {
    const api = { service: 'api', environments: [environment({ environment: 'prod', position: 2 }), environment({ environment: 'dev', position: 0 }), environment({ environment: 'staging', position: 1 })] };
    expect(boardColumns({ services: [api] })).toEqual(['dev', 'staging', 'prod']);
  });

  it("merge services' orders so each service reads left to right", () => {
    const board = { services: [service('web', ['dev', 'prod']), service('api', ['dev', 'staging', 'prod']), service('jobs', ['qa', 'prod'])] };
    const columns = boardColumns(board);
    expect(columns).toEqual(['dev', 'staging', 'qa', 'prod']);
    for (const { environments } of board.services) {
      const positions = environments.map((e) => columns.indexOf(e.environment));
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    }
  });

  it('leave a gap where a service has no such environment', () => {
    const web = service('web', ['dev', 'prod']);
    expect(rowCells(web.environments, ['dev', 'staging', 'prod']).map((cell) => cell?.environment ?? null)).toEqual(['dev', null, 'prod']);
  });
});

describe('unread targets', () => {
  it('counts environments whose health could not be read, with the first reason', () => {
    const board = {
      services: [
        {
          service: 'api',
          environments: [
            environment({ environment: 'dev', position: 0, health: 'unknown', healthDetail: 'Docker engine not reachable' }),
            environment({ environment: 'prod', position: 1 })
          ]
        }
      ]
    };
    expect(unreadTargets(board)).toEqual({ count: 1, total: 2, reason: 'Docker engine not reachable' });
  });
});

describe('promote', () => {
  const promotable = { digest: digestOf(7), version: 'v1.7.0', commitSha: 'abc', fromEnvironment: 'dev' };
  it('offers what runs in the previous environment', () => {
    expect(promoteOption(environment({ promotable }), artifactLabel)).toEqual({ kind: 'ready', from: 'dev', label: 'v1.7.0', digest: digestOf(7) });
  });
  it('says why there is nothing to promote', () => {
    expect(promoteOption(environment({ position: 0 }), artifactLabel)).toMatchObject({ kind: 'none', why: expect.stringContaining('first environment') });
    expect(promoteOption(environment({ position: 1 }), artifactLabel)).toMatchObject({ kind: 'none', why: expect.stringContaining('nothing runs') });
    const same = environment({ promotable, current: { ...promotable, deploymentId: 3, deployedAt: '2026-01-01T00:00:00Z', deployedBy: 'ana', strategy: 'rolling' } });
    expect(promoteOption(same, artifactLabel)).toMatchObject({ kind: 'none', why: 'already runs what dev runs' });
  });
});
