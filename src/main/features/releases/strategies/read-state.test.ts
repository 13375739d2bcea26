import { describe, expect, it } from 'vitest';
import type { Instance, InstanceRole, InstanceState } from '../../../ports/environment-runtime';
import type { PoolName, RouteConfig } from '../../../ports/traffic-router';
import { stateFrom } from './read-state';

let port = 30000;
const instance = (name: string, role: InstanceRole, digest: string, state: InstanceState = 'running'): Instance => ({
  id: `id-${name}`,
  name,
  service: 'shop',
  environment: 'prod',
  role,
  index: 0,
  digest,
  imageReference: `shop@${digest}`,
  deploymentId: 1,
  containerPort: 8080,
  hostPort: state === 'running' ? port++ : null,
  networkAddress: `${name}:8080`,
  state,
  startedAt: null
});

const route = (pools: Partial<Record<PoolName, string[]>>, weights: Partial<Record<PoolName, number>>, mirror: string[] | null = null): RouteConfig => ({
  service: 'shop',
  environment: 'prod',
  publicPort: 18080,
  pools: Object.entries(pools).map(([name, names]) => ({ name: name as PoolName, servers: (names ?? []).map((n) => ({ instanceName: n, hostPort: 1, networkAddress: `${n}:8080` })) })),
  weights,
  sticky: null,
  mirror: mirror ? { name: 'canary', servers: mirror.map((n) => ({ instanceName: n, hostPort: 1, networkAddress: `${n}:8080` })) } : null,
  deploymentId: 1
});

describe('stateFrom', () => {
  it('names what nginx sends to that is gone or stopped, and what runs that nginx does not know', () => {
    const state = stateFrom(
      [instance('a', 'stable', 'v1'), instance('b', 'stable', 'v1', 'exited'), instance('c', 'stable', 'v2')],
      route({ stable: ['a', 'b', 'gone'] }, { stable: 100 })
    );

    expect(state.problems).toEqual([
      'nginx sends stable traffic (100%) to b, which is exited',
      'nginx sends stable traffic (100%) to gone, which no longer exists',
      'c (stable, v2) runs but nginx does not send it traffic'
    ]);
    expect(state.servingDigest).toBe('v1');
  });

  it('reads a canary with its weight beside stable', () => {
    const state = stateFrom(
      [instance('s1', 'stable', 'v1'), instance('s2', 'stable', 'v1'), instance('k', 'canary', 'v2')],
      route({ stable: ['s1', 's2'], canary: ['k'] }, { stable: 75, canary: 25 })
    );

    expect(state).toMatchObject({ servingDigest: 'v1', canary: { digest: 'v2', weight: 25 }, idle: null, shadow: null, problems: [] });
  });

  it('reads the live and the idle colour of blue-green', () => {
    const state = stateFrom(
      [instance('b', 'blue', 'v1'), instance('g', 'green', 'v2')],
      route({ green: ['g'], blue: ['b'] }, { green: 100, blue: 0 })
    );

    expect(state).toMatchObject({ servingDigest: 'v2', idle: { role: 'blue', digest: 'v1' }, problems: [] });
  });

  it('reads a shadow from the mirror', () => {
    const state = stateFrom([instance('s', 'stable', 'v1'), instance('m', 'shadow', 'v2')], route({ stable: ['s'] }, { stable: 100 }, ['m']));

    expect(state).toMatchObject({ servingDigest: 'v1', shadow: { digest: 'v2' }, problems: [] });
  });

  it('says nothing serves when there is no route, and lists every running instance as unknown', () => {
    const state = stateFrom([instance('s', 'stable', 'v1')], null);

    expect(state.servingDigest).toBeNull();
    expect(state.problems).toEqual(['s (stable, v1) runs but nginx does not send it traffic']);
  });
});
