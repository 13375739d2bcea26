import { describe, expect, it } from 'vitest';
import { boardColumns, previousEnvironment, promoteOption, rowCells, unreadTargets } from './board-layout';
import { artifactLabel } from './release-format';
import { digestOf, environment, release } from './release-fixtures';

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
  const current = { digest: digestOf(1), version: null, commitSha: 'abc', deploymentId: 1, deployedAt: '2026-01-01T00:00:00Z', deployedBy: 'ana', strategy: 'rolling' };
  it('counts environments running something whose health could not be read, with the first reason', () => {
    const board = {
      services: [
        {
          service: 'api',
          environments: [
            environment({ environment: 'dev', position: 0, current, health: 'unknown', healthDetail: 'Docker engine not reachable' }),
            environment({ environment: 'staging', position: 1, current }),
            // Nothing was ever deployed here: no health to read, and no reason to say a target did not answer.
            environment({ environment: 'prod', position: 2, health: 'unknown', healthDetail: 'Nothing has been deployed here yet.' })
          ]
        }
      ]
    };
    expect(unreadTargets(board)).toEqual({ count: 1, total: 2, reason: 'Docker engine not reachable' });
  });
});

describe('promote', () => {
  const promotable = { digest: digestOf(7), version: 'v1.7.0', commitSha: 'abc', fromEnvironment: 'dev' };
  const dev = environment({ environment: 'dev', position: 0, current: { ...promotable, deploymentId: 3, deployedAt: '2026-01-01T00:00:00Z', deployedBy: 'ana', strategy: 'rolling' } });
  it('offers what runs in the previous environment', () => {
    expect(promoteOption(environment({ promotable }), dev, artifactLabel)).toEqual({ kind: 'ready', from: 'dev', label: 'v1.7.0', digest: digestOf(7) });
  });
  it('says why there is nothing to promote', () => {
    expect(promoteOption(dev, null, artifactLabel)).toMatchObject({ kind: 'none', why: expect.stringContaining('first environment') });
    expect(promoteOption(environment({ position: 1 }), { environment: 'dev', current: null }, artifactLabel)).toMatchObject({ kind: 'none', why: 'nothing runs in dev yet' });
    const same = environment({ current: dev.current });
    expect(promoteOption(same, dev, artifactLabel)).toMatchObject({ kind: 'none', why: 'already runs what dev runs' });
    expect(promoteOption(environment({ promotable, active: release({ status: 'pending-approval' }) }), dev, artifactLabel)).toMatchObject({ kind: 'none', why: expect.stringContaining('under way') });
  });
  it('finds the environment before, by promotion order', () => {
    const envs = [environment({ environment: 'prod', position: 2 }), dev, environment({ environment: 'staging', position: 1 })];
    expect(previousEnvironment(envs, { position: 2 })?.environment).toBe('staging');
    expect(previousEnvironment(envs, { position: 0 })).toBeNull();
  });
});
